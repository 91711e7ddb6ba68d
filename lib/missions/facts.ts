import { eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { Bound } from "@/db/sql-helpers";
import { departments, missionAudience, missions, users } from "@/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { TRANSITIONS, type Actor, type MissionAction, type MissionFacts } from "./lifecycle";

export type MissionRecord = MissionFacts & { id: number; headline: string };

/** What the lifecycle rules decide on, with the owner's department (which events record). */
const factColumns = {
  id: missions.id,
  headline: missions.headline,
  status: missions.status,
  ownerId: missions.ownerId,
  takerId: missions.takerId,
  audienceEveryone: missions.audienceEveryone,
  audienceDepartmentIds: sql<number[]>`array(select ${missionAudience.departmentId} from ${missionAudience} where ${missionAudience.missionId} = ${missions.id})`,
  ownerDepartmentId: users.departmentId,
};

function factsQuery(db: Db, missionId: number) {
  return db
    .select(factColumns)
    .from(missions)
    .innerJoin(users, eq(users.id, missions.ownerId))
    .where(eq(missions.id, missionId))
    .$dynamic();
}

function factsOf(row: Awaited<ReturnType<typeof factsQuery>>[number] | undefined): MissionRecord {
  if (!row) throw new NotFoundError("No such mission.");
  return { ...row, audienceDepartmentIds: row.audienceDepartmentIds.map(Number) };
}

/**
 * Reads a mission and locks its row until the transaction ends: every decision about it is made on
 * the row as it is now, and a racing request waits, then sees the result of the first.
 */
export async function lockMission(tx: Db, missionId: number): Promise<MissionRecord> {
  const [row] = await factsQuery(tx, missionId).for("update", { of: missions });
  return factsOf(row);
}

/** A mission's facts as they are now. */
export async function readMission(db: Db, missionId: number): Promise<MissionRecord> {
  const [row] = await factsQuery(db, missionId);
  return factsOf(row);
}

/**
 * isPerformer (lifecycle.ts) in SQL, over a mission row `m` and its owner `o` (users): the
 * transition statement checks it on the row it locks, so the check and the change are one
 * statement. The transitions test holds both to PRODUCT.md's table, case by case.
 */
export function performerSql(action: MissionAction, actor: { [K in keyof Actor]: Bound<Actor[K]> }): SQL {
  switch (TRANSITIONS[action].who) {
    case "audience member but not the owner":
      return sql`(m.owner_id <> ${actor.id} and (m.audience_everyone
        or exists (select 1 from ${missionAudience} a where a.mission_id = m.id and a.department_id = ${actor.departmentId}::int)))`;
    case "taker":
      return sql`m.taker_id = ${actor.id}`;
    case "owner, owner's manager or admin":
      return sql`(m.owner_id = ${actor.id} or ${actor.role}::text = 'admin'
        or (${actor.role}::text = 'manager' and o.department_id = ${actor.departmentId}::int))`;
    case "owner or admin":
      return sql`(m.owner_id = ${actor.id} or ${actor.role}::text = 'admin')`;
  }
}

export async function userName(tx: Db, userId: string): Promise<string> {
  const [row] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  return row?.name ?? row?.email ?? "someone";
}

/** Department ids must exist; reported against the audience field. */
export async function checkDepartments(tx: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx.select({ id: departments.id }).from(departments).where(inArray(departments.id, ids));
  if (found.length !== new Set(ids).size) throw new ValidationError({ audience: ["Choose departments from the list."] });
}

export function headlineOf(description: string): string {
  return description.trim().split(/\r?\n/, 1)[0].trim().slice(0, 200);
}

/** Quotes a headline inside a notification sentence, shortened to 80 characters (code points, never half of one). */
export function quoted(headline: string): string {
  const characters = [...headline];
  return `“${characters.length > 80 ? `${characters.slice(0, 79).join("")}…` : headline}”`;
}

/** quoted() in SQL, for a statement that reads the headline as it writes the sentence. */
export function quotedSql(headline: SQL): SQL {
  return sql`'“' || case when char_length(${headline}) > 80 then left(${headline}, 79) || '…' else ${headline} end || '”'`;
}

export const now = sql`now()`;
