import { eq, inArray, sql, type Placeholder } from "drizzle-orm";
import { builtOncePer } from "@/db/sql-helpers";
import type { Db } from "@/db/client";
import { departments, missionAudience, missions, users } from "@/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { MissionFacts } from "./lifecycle";

export type LockedMission = MissionFacts & { id: number; headline: string };
export type VersionedMission = LockedMission & { version: string };

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

function factsQuery(db: Db, missionId: number | Placeholder) {
  return db
    .select({ ...factColumns, version: sql<string>`${missions}.xmin::text` })
    .from(missions)
    .innerJoin(users, eq(users.id, missions.ownerId))
    .where(eq(missions.id, missionId))
    .$dynamic();
}

function factsOf(row: Awaited<ReturnType<typeof factsQuery>>[number] | undefined): VersionedMission {
  if (!row) throw new NotFoundError("No such mission.");
  return { ...row, audienceDepartmentIds: row.audienceDepartmentIds.map(Number) };
}

/**
 * Reads a mission and locks its row until the transaction ends: every decision about it is made on
 * the row as it is now, and a racing request waits, then sees the result of the first.
 */
export async function lockMission(tx: Db, missionId: number): Promise<LockedMission> {
  const [row] = await factsQuery(tx, missionId).for("update", { of: missions });
  return factsOf(row);
}

/**
 * A mission's facts as they are now, with its row version (xmin, which every UPDATE changes): a
 * change written "only if the version is still this one" is decided on exactly these facts.
 */
export async function readMission(db: Db, missionId: number): Promise<VersionedMission> {
  const [row] = await missionFacts(db).execute({ missionId });
  return factsOf(row);
}

/** Read on every transition: built once (see builtOncePer). */
const missionFacts = builtOncePer((db: Db) => factsQuery(db, sql.placeholder("missionId")).prepare("mission_facts"));

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

/** Quotes a headline inside a notification sentence, shortened. */
export function quoted(headline: string): string {
  return `“${headline.length > 80 ? `${headline.slice(0, 79)}…` : headline}”`;
}

export const now = sql`now()`;
