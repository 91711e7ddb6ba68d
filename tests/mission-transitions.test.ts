import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "@/db/client";
import { rowsOf } from "@/db/sql-helpers";
import { missionAudience, missions, missionTransitions, users, type MissionStatus } from "@/db/schema";
import { createMission, transitionMission, type MissionActor } from "@/lib/missions/commands";
import type { MissionAction } from "@/lib/missions/lifecycle";
import { getMission } from "@/lib/missions/queries";
import { createCompany, type Company } from "./support/company";
import { createTestDatabase } from "./support/database";

let database: Database;
let company: Company;
beforeAll(async () => {
  database = await createTestDatabase();
  company = await createCompany(database.db);
});
afterAll(() => database.close());

type ActorKey = "owner" | "taker" | "audienceMember" | "outsider" | "ownersManager" | "otherManager" | "admin";
const ACTORS: ActorKey[] = ["owner", "taker", "audienceMember", "outsider", "ownersManager", "otherManager", "admin"];
const STATUSES: MissionStatus[] = ["open", "in_progress", "awaiting_acceptance", "rejected", "accepted", "cancelled"];

/**
 * PRODUCT.md's table, written out again here on purpose (not imported from the code under test).
 * The mission's audience is Sales and Support; the owner is in Sales; the taker is in Support.
 */
const EXPECTED: Record<MissionAction, { from: MissionStatus[]; to: MissionStatus; who: (a: ActorKey, hasTaker: boolean) => boolean }> = {
  start: { from: ["open"], to: "in_progress", who: (a) => ["taker", "audienceMember", "ownersManager", "otherManager"].includes(a) },
  complete: { from: ["in_progress", "rejected"], to: "awaiting_acceptance", who: (a, hasTaker) => hasTaker && a === "taker" },
  accept: { from: ["awaiting_acceptance"], to: "accepted", who: (a) => ["owner", "ownersManager", "admin"].includes(a) },
  reject: { from: ["awaiting_acceptance"], to: "rejected", who: (a) => ["owner", "ownersManager", "admin"].includes(a) },
  withdraw: { from: ["in_progress", "rejected"], to: "open", who: (a, hasTaker) => hasTaker && a === "taker" },
  cancel: { from: ["open", "in_progress", "rejected"], to: "cancelled", who: (a) => ["owner", "admin"].includes(a) },
};

/** Walks a new mission to the wanted status the way people would. */
async function missionIn(status: MissionStatus): Promise<number> {
  const { db } = database;
  const { id } = await createMission(db, company.owner, {
    description: `Mission in ${status}\nwith details`,
    reward: "Dinner",
    dueAt: null,
    audience: [company.departments.sales, company.departments.support],
    parentId: null,
  });
  const steps: Record<MissionStatus, [MissionActor, MissionAction][]> = {
    open: [],
    in_progress: [[company.taker, "start"]],
    awaiting_acceptance: [[company.taker, "start"], [company.taker, "complete"]],
    rejected: [[company.taker, "start"], [company.taker, "complete"], [company.owner, "reject"]],
    accepted: [[company.taker, "start"], [company.taker, "complete"], [company.owner, "accept"]],
    cancelled: [[company.owner, "cancel"]],
  };
  for (const [actor, action] of steps[status]) await transitionMission(db, actor, id, action, "because");
  return id;
}

async function snapshot(id: number) {
  const [m] = await database.db.select({ status: missions.status, takerId: missions.takerId }).from(missions).where(eq(missions.id, id));
  const [{ n }] = await database.db.select({ n: count() }).from(missionTransitions).where(eq(missionTransitions.missionId, id));
  return { ...m, history: n };
}

/** The fixtures below cancel from Open, so only these states have a taker. */
const hasTaker = (status: MissionStatus) => !["open", "cancelled"].includes(status);

const cases = (Object.keys(EXPECTED) as MissionAction[]).flatMap((action) =>
  STATUSES.flatMap((status) => ACTORS.map((actor) => ({ action, status, actor }))),
);

describe("every action × every state × every kind of actor", () => {
  it.each(cases)("$actor tries to $action a mission that is $status", async ({ action, status, actor }) => {
    const id = await missionIn(status);
    const before = await snapshot(id);
    const rule = EXPECTED[action];
    const allowedActor = rule.who(actor, hasTaker(status));
    const call = transitionMission(database.db, company[actor], id, action, "a reason");

    if (allowedActor && rule.from.includes(status)) {
      await expect(call).resolves.toEqual({ id, status: rule.to });
      const after = await snapshot(id);
      expect(after.status).toBe(rule.to);
      expect(after.history).toBe(before.history + 1);
      const expectedTaker = action === "start" ? company[actor].id : action === "withdraw" ? null : before.takerId;
      expect(after.takerId).toBe(expectedTaker);
    } else {
      await expect(call).rejects.toMatchObject({ status: allowedActor ? 409 : 403 });
      expect(await snapshot(id)).toEqual(before);
    }
  });

  it("offers a viewer exactly the buttons the table allows them", async () => {
    for (const status of STATUSES) {
      const id = await missionIn(status);
      for (const actor of ACTORS) {
        const detail = await getMission(database.db, company[actor], id);
        const expected = (Object.keys(EXPECTED) as MissionAction[]).filter(
          (action) => EXPECTED[action].from.includes(status) && EXPECTED[action].who(actor, hasTaker(status)),
        );
        expect(detail.actions, `${actor} on ${status}`).toEqual(expected);
        expect(detail.canEdit, `${actor} edit on ${status}`).toBe(actor === "owner" && status === "open");
      }
    }
  });
});

describe("clear refusals", () => {
  it("tells a stale Start who got there first", async () => {
    const id = await missionIn("in_progress");
    await expect(transitionMission(database.db, company.audienceMember, id, "start")).rejects.toThrow("Already taken by Spencer Taker.");
  });

  it("requires a reason to reject or cancel, and changes nothing without one", async () => {
    const id = await missionIn("awaiting_acceptance");
    await expect(transitionMission(database.db, company.owner, id, "reject", "  ")).rejects.toMatchObject({ status: 422, fieldErrors: { note: [expect.any(String)] } });
    const open = await missionIn("open");
    await expect(transitionMission(database.db, company.owner, open, "cancel")).rejects.toMatchObject({ status: 422 });
    expect((await snapshot(id)).status).toBe("awaiting_acceptance");
    expect((await snapshot(open)).status).toBe("open");
  });

  it("keeps the reason in the history", async () => {
    const id = await missionIn("awaiting_acceptance");
    await transitionMission(database.db, company.owner, id, "reject", "The stamp is missing");
    const detail = await getMission(database.db, company.taker, id);
    expect(detail.history.at(-1)).toMatchObject({ fromStatus: "awaiting_acceptance", toStatus: "rejected", note: "The stamp is missing", actorName: "Sally Owner" });
  });

  it("answers 404 for a mission that does not exist", async () => {
    await expect(transitionMission(database.db, company.taker, 987654, "start")).rejects.toMatchObject({ status: 404 });
  });
});

/** Until another connection to this database is waiting for a row lock (so the race really happens). */
async function waitUntilSomeoneWaitsForALock(db: Db) {
  for (let i = 0; i < 100; i++) {
    const [{ n }] = rowsOf(await db.execute(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`));
    if (Number(n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("The Start never waited for the edit's lock.");
}

describe("a race for one mission", () => {
  it("50 concurrent Starts by 50 people: one taker, 49 clear conflicts, one history row", async () => {
    const { id } = await createMission(database.db, company.owner, { description: "Race me", reward: "Glory", dueAt: null, audience: "everyone", parentId: null });
    const racers = await database.db
      .insert(users)
      .values(Array.from({ length: 50 }, (_, i) => ({ email: `racer${i}@example.com`, name: `Racer ${i}` })))
      .returning({ id: users.id, role: users.role, departmentId: users.departmentId, name: users.name });
    const results = await Promise.allSettled(racers.map((r) => transitionMission(database.db, { ...r, name: r.name! }, id, "start")));

    const winners = results.filter((r) => r.status === "fulfilled");
    const losers = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(49);
    const winner = racers[results.findIndex((r) => r.status === "fulfilled")];
    for (const loser of losers) expect(loser.reason).toMatchObject({ status: 409, message: `Already taken by ${winner.name}.` });

    const [m] = await database.db.select().from(missions).where(eq(missions.id, id));
    expect(m).toMatchObject({ status: "in_progress", takerId: winner.id });
    const starts = await database.db.select().from(missionTransitions).where(eq(missionTransitions.missionId, id));
    expect(starts.filter((t) => t.toStatus === "in_progress")).toHaveLength(1);
  });

  it("a Start that waits for an edit narrowing the audience is judged on the new audience", async (ctx) => {
    if (database.kind !== "postgres") ctx.skip(); // two transactions at once: PGlite has one connection
    const { db } = database;
    const { sales, support } = company.departments;
    const { id } = await createMission(db, company.owner, { description: "Narrowing", reward: "Tea", dueAt: null, audience: [sales, support], parentId: null });
    let start!: Promise<unknown>;
    // An edit by the owner, as updateMission writes it, holds the row while Marcus (Sales) starts.
    await db.transaction(async (tx) => {
      await tx.update(missions).set({ updatedAt: new Date() }).where(eq(missions.id, id));
      await tx.delete(missionAudience).where(and(eq(missionAudience.missionId, id), eq(missionAudience.departmentId, sales)));
      start = transitionMission(db, company.audienceMember, id, "start").catch((error: unknown) => error);
      await waitUntilSomeoneWaitsForALock(db);
    });
    expect(await start).toMatchObject({ status: 403 });
    expect(await snapshot(id)).toMatchObject({ status: "open", takerId: null, history: 1 });
  });
});
