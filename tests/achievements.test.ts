import { and, eq, inArray, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "@/db/client";
import { achievements, activityEvents, companySettings, notifications, userAchievements, users } from "@/db/schema";
import { BatchError, ingestEvents } from "@/lib/activity/ingest";
import { afterActivity } from "@/lib/activity/record";
import { eventsFromCsv } from "@/lib/activity/csv";
import { awardClosedPeriods } from "@/lib/achievements/period-awards";
import { achievementsOf } from "@/lib/achievements/progress";
import { createTestDatabase } from "./support/database";
import { resolveCases } from "./support/events";

process.env.COMPANY_TIME_ZONE = "Europe/Berlin";

let database: Database;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.close());

let people = 0;
async function person(name: string): Promise<{ id: string; email: string }> {
  const email = `${name.toLowerCase()}${++people}@example.com`;
  const [row] = await db.insert(users).values({ email, name }).returning({ id: users.id, email: users.email });
  return row;
}

async function earned(userId: string, key: string) {
  return db
    .select({ periodKey: userAchievements.periodKey, grantedAt: userAchievements.grantedAt })
    .from(userAchievements)
    .innerJoin(achievements, eq(achievements.id, userAchievements.achievementId))
    .where(and(eq(userAchievements.userId, userId), eq(achievements.key, key)))
    .orderBy(userAchievements.periodKey);
}

/** n instants one minute apart from a start. */
function minutesFrom(start: string, n: number): Date[] {
  return Array.from({ length: n }, (_, i) => new Date(new Date(start).getTime() + i * 60_000));
}

describe("milestones", () => {
  it("Support Master: nothing at 999 cases, granted at the 1,000th, dated when it happened", async () => {
    const agent = await person("Agent");
    const times = minutesFrom("2026-03-02T08:00:00Z", 1000);
    await resolveCases(db, agent.email, times.slice(0, 999));
    expect(await earned(agent.id, "support-master")).toEqual([]);
    expect(await earned(agent.id, "cases-500")).toEqual([{ periodKey: "", grantedAt: times[499] }]);
    await resolveCases(db, agent.email, times.slice(999));
    expect(await earned(agent.id, "support-master")).toEqual([{ periodKey: "", grantedAt: times[999] }]);
  });

  it("shows progress as '640 / 1,000 cases' until earned", async () => {
    const agent = await person("Progress");
    await resolveCases(db, agent.email, minutesFrom("2026-04-01T08:00:00Z", 640));
    const list = await achievementsOf(db, agent.id);
    expect(list.find((a) => a.name === "Support Master")).toMatchObject({ earned: null, progress: { value: 640, target: 1000, unit: "cases" } });
    expect(list.find((a) => a.name === "Support Silver")).toMatchObject({ earned: { times: 1 }, progress: null });
  });
});

describe("rules about a mission's taker or owner", () => {
  it("count for the taker and the owner the events name, not their actor: granted at the N-th, dated when it happened", async () => {
    const [manager, taker, owner] = [await person("Manager"), await person("Taker"), await person("Owner")];
    const times = minutesFrom("2026-05-04T08:00:00Z", 10);
    const accepted = async (instants: Date[]) => {
      const attributes = { missionId: 1, ownerId: owner.id, ownerDepartmentId: null, takerId: taker.id };
      const rows = await db
        .insert(activityEvents)
        .values(instants.map((occurredAt) => ({ type: "mission.accepted", actorId: manager.id, occurredAt, attributes })))
        .returning();
      await afterActivity(db, rows);
    };
    await accepted(times.slice(0, 9));
    expect(await earned(taker.id, "first-accepted")).toEqual([{ periodKey: "", grantedAt: times[0] }]);
    expect(await earned(taker.id, "missions-10")).toEqual([]);
    expect(await earned(owner.id, "good-delegator")).toEqual([{ periodKey: "", grantedAt: times[4] }]);
    await accepted(times.slice(9));
    expect(await earned(taker.id, "missions-10")).toEqual([{ periodKey: "", grantedAt: times[9] }]);
    for (const key of ["first-accepted", "missions-10", "good-delegator"]) expect(await earned(manager.id, key)).toEqual([]);
    expect(await earned(owner.id, "first-accepted")).toEqual([]);
  });
});

describe("going beyond and breadth", () => {
  it("Bridge Builder: missions accepted for three departments, however often one is helped again; late history moves the date back", async () => {
    const [manager, taker] = [await person("Lead"), await person("Helper")];
    const accepted = async (department: number, at: string) => {
      const attributes = { missionId: 1, ownerId: manager.id, ownerDepartmentId: department, takerId: taker.id };
      const rows = await db.insert(activityEvents).values({ type: "mission.accepted", actorId: manager.id, occurredAt: new Date(at), attributes }).returning();
      await afterActivity(db, rows);
    };
    await accepted(1, "2026-05-04T08:00:00Z");
    await accepted(2, "2026-05-05T08:00:00Z");
    for (const day of ["06", "07", "08"]) await accepted(1, `2026-05-${day}T08:00:00Z`);
    expect(await earned(taker.id, "bridge-builder")).toEqual([]);
    await accepted(3, "2026-05-11T08:00:00Z");
    expect(await earned(taker.id, "bridge-builder")).toEqual([{ periodKey: "", grantedAt: new Date("2026-05-11T08:00:00Z") }]);
    await accepted(3, "2026-05-09T08:00:00Z"); // arrives late
    expect(await earned(taker.id, "bridge-builder")).toEqual([{ periodKey: "", grantedAt: new Date("2026-05-09T08:00:00Z") }]);
  });

  it("Weekend Warrior: Friday 23:59 in the company's zone is not a weekend, Saturday 00:00 is", async () => {
    const agent = await person("Weekend");
    await resolveCases(db, agent.email, ["2026-05-08T23:59:00+02:00"]); // Friday, Berlin summer time
    expect(await earned(agent.id, "weekend-warrior")).toEqual([]);
    await resolveCases(db, agent.email, ["2026-05-09T00:00:00+02:00"]); // Saturday
    expect(await earned(agent.id, "weekend-warrior")).toEqual([{ periodKey: "", grantedAt: new Date("2026-05-08T22:00:00Z") }]);
  });

  it("Omnichannel: a case on every channel, dated at the last new channel", async () => {
    const agent = await person("Omni");
    for (const [channel, at] of [["email", "2026-06-01T09:00:00Z"], ["phone", "2026-06-01T10:00:00Z"], ["email", "2026-06-01T11:00:00Z"], ["chat", "2026-06-02T09:00:00Z"]] as const) {
      await resolveCases(db, agent.email, [at], { channel });
    }
    expect(await earned(agent.id, "omnichannel")).toEqual([]);
    await resolveCases(db, agent.email, ["2026-06-03T09:00:00Z"], { channel: "social" });
    expect(await earned(agent.id, "omnichannel")).toEqual([{ periodKey: "", grantedAt: new Date("2026-06-03T09:00:00Z") }]);
  });
});

describe("per-period awards", () => {
  it("Weekly Champion: the week's top performer once the week has closed, weeks from Monday in the company's zone, ties share it, reruns change nothing", async () => {
    const [ana, ben, cy] = [await person("Ana"), await person("Ben"), await person("Cy")];
    // Week 2026-W28 runs Monday 6 July 00:00 to Sunday 12 July 23:59:59 in Berlin (UTC+2).
    await resolveCases(db, ana.email, minutesFrom("2026-07-06T07:00:00Z", 30));
    await resolveCases(db, ben.email, minutesFrom("2026-07-07T07:00:00Z", 29));
    await resolveCases(db, ben.email, ["2026-07-12T21:59:00Z"]); // Sunday 23:59 Berlin: still W28, a tie at 30
    await resolveCases(db, cy.email, minutesFrom("2026-07-12T22:00:00Z", 40)); // Monday 00:00 Berlin: W29

    await awardClosedPeriods(db, new Date("2026-07-12T21:00:00Z")); // W28 still open
    expect(await earned(ana.id, "weekly-champion")).toEqual([]);

    const weekEnd = new Date("2026-07-12T22:00:00Z");
    await awardClosedPeriods(db, new Date("2026-07-15T12:00:00Z"));
    await awardClosedPeriods(db, new Date("2026-07-15T12:05:00Z"));
    expect(await earned(ana.id, "weekly-champion")).toEqual([{ periodKey: "2026-W28", grantedAt: weekEnd }]);
    expect(await earned(ben.id, "weekly-champion")).toEqual([{ periodKey: "2026-W28", grantedAt: weekEnd }]);
    expect(await earned(cy.id, "weekly-champion")).toEqual([]);

    await awardClosedPeriods(db, new Date("2026-07-21T12:00:00Z"));
    expect(await earned(cy.id, "weekly-champion")).toEqual([{ periodKey: "2026-W29", grantedAt: new Date("2026-07-19T22:00:00Z") }]);
    const [note] = await db.select().from(notifications).where(eq(notifications.userId, cy.id)).orderBy(notifications.id);
    expect(note).toBeDefined();
  });

  it("Busy Week: a case dated in the year 9999 and one in the year 1 leave the weeks between as they are", async () => {
    const agent = await person("Far");
    await resolveCases(db, agent.email, ["9999-12-31T12:00:00Z", "0001-01-01T12:00:00Z"]);
    await resolveCases(db, agent.email, minutesFrom("2026-09-07T08:00:00Z", 50));
    expect((await earned(agent.id, "busy-week")).map((g) => g.periodKey)).toEqual(["2026-W37"]);
  });

  it("Busy Week: 50 cases in one week, earned again in another week", async () => {
    const agent = await person("Busy");
    await resolveCases(db, agent.email, minutesFrom("2026-08-03T08:00:00Z", 49));
    expect(await earned(agent.id, "busy-week")).toEqual([]);
    await resolveCases(db, agent.email, minutesFrom("2026-08-10T08:00:00Z", 50));
    await resolveCases(db, agent.email, minutesFrom("2026-08-17T08:00:00Z", 55));
    expect((await earned(agent.id, "busy-week")).map((g) => g.periodKey)).toEqual(["2026-W33", "2026-W34"]);
  });
});

describe("concurrency", () => {
  it("concurrent events never double-grant and never miss a threshold", async () => {
    const agent = await person("Racer");
    await Promise.all(Array.from({ length: 20 }, (_, i) => resolveCases(db, agent.email, [new Date(Date.UTC(2026, 8, 1, 9, i))])));
    expect(await earned(agent.id, "first-case")).toHaveLength(1);

    // Threshold 2 (a custom rule) reached by two overlapping transactions: A adds the 1st event and
    // evaluates, then holds its commit open while B adds the 2nd and evaluates.
    const [twice] = await db
      .insert(achievements)
      .values({ name: "Twice", description: "Two cases", icon: "✌️", tier: "bronze", rule: { kind: "count", event: "case.resolved", who: "actor", where: [], weekend: false, unit: "cases", threshold: 2 } })
      .returning({ id: achievements.id });
    const pair = await person("Pair");
    // Only this rule: another one granting on the 1st event would serialise A and B by accident.
    const others = await db.update(achievements).set({ enabled: false }).where(and(eq(achievements.enabled, true), ne(achievements.id, twice.id))).returning({ id: achievements.id });
    const addCase = async (tx: Db, minute: number) => {
      const [event] = await tx
        .insert(activityEvents)
        .values({ type: "case.resolved", actorId: pair.id, occurredAt: new Date(Date.UTC(2026, 8, 2, 9, minute)), source: "helpdesk", externalId: `pair-${minute}` })
        .returning({ id: activityEvents.id, type: activityEvents.type, actorId: activityEvents.actorId, attributes: activityEvents.attributes, occurredAt: activityEvents.occurredAt });
      await afterActivity(tx, [event]);
    };
    let aEvaluated!: () => void;
    const aReady = new Promise<void>((resolve) => (aEvaluated = resolve));
    const a = db.transaction(async (tx) => {
      await addCase(tx, 0);
      aEvaluated();
      await new Promise((r) => setTimeout(r, 300));
    });
    await aReady;
    const b = db.transaction((tx) => addCase(tx, 1));
    await Promise.all([a, b]);
    await db.update(achievements).set({ enabled: true }).where(inArray(achievements.id, others.map((o) => o.id)));
    const grants = await db.select().from(userAchievements).where(and(eq(userAchievements.userId, pair.id), eq(userAchievements.achievementId, twice.id)));
    expect(grants).toHaveLength(1);
    await db.delete(achievements).where(eq(achievements.id, twice.id));
  });
});

describe("the feature switch", () => {
  it("off: nothing new is granted and earned badges are kept", async () => {
    const agent = await person("Switch");
    await resolveCases(db, agent.email, ["2026-10-01T09:00:00Z"]);
    expect(await earned(agent.id, "first-case")).toHaveLength(1);
    await db.update(companySettings).set({ achievementsEnabled: false });
    try {
      await resolveCases(db, agent.email, minutesFrom("2026-10-02T09:00:00Z", 100));
      expect(await earned(agent.id, "cases-100")).toEqual([]);
      expect(await earned(agent.id, "first-case")).toHaveLength(1);
    } finally {
      await db.update(companySettings).set({ achievementsEnabled: true });
    }
  });
});

describe("ingesting events", () => {
  it("reports every bad event by index and saves nothing", async () => {
    const agent = await person("Batch");
    const good = { type: "case.resolved", actor: agent.email, occurredAt: "2026-10-05T09:00:00Z", externalId: "ok-1" };
    const attempt = ingestEvents(
      db,
      [
        good,
        { ...good, externalId: "x2", actor: "nobody@example.com" },
        { ...good, externalId: "x3", occurredAt: "yesterday" },
        { ...good, externalId: "x4", type: "mission.accepted" },
        { ...good, externalId: undefined },
      ],
      "api",
    );
    await expect(attempt).rejects.toBeInstanceOf(BatchError);
    const problems = await attempt.then(
      () => [],
      (e: BatchError) => e.problems,
    );
    expect(problems.map((p) => [p.index, p.field])).toEqual([
      [2, "occurredAt"],
      [3, "type"],
      [4, "externalId"],
      [1, "actor"],
    ]);
    expect(await earned(agent.id, "first-case")).toEqual([]);
    await expect(ingestEvents(db, [], "api")).rejects.toBeInstanceOf(BatchError);
    await expect(ingestEvents(db, Array(1001).fill(good), "api")).rejects.toMatchObject({ problems: [{ field: "events" }] });
  });

  it("is idempotent per source and external id", async () => {
    const agent = await person("Retry");
    const event = { type: "case.resolved", actor: agent.email, occurredAt: "2026-10-06T09:00:00Z", externalId: "retry-1", source: "zendesk" };
    expect(await ingestEvents(db, [event], "api")).toEqual({ received: 1, recorded: 1, duplicates: 0 });
    expect(await ingestEvents(db, [event, { ...event, externalId: "retry-2" }], "api")).toEqual({ received: 2, recorded: 1, duplicates: 1 });
    expect(await ingestEvents(db, [{ ...event, source: "salesforce" }], "api")).toMatchObject({ recorded: 1 });
  });

  it("reads a CSV export, typing numbers and booleans, and names what is wrong with a bad file", () => {
    const events = eventsFromCsv("type,actor,occurred_at,external_id,channel,minutes,escalated\ncase.resolved,Ana@example.com,2026-10-01T09:00:00Z,c1,phone,12,false\n");
    expect(events).toEqual([
      { type: "case.resolved", actor: "Ana@example.com", occurredAt: "2026-10-01T09:00:00Z", externalId: "c1", attributes: { channel: "phone", minutes: 12, escalated: false } },
    ]);
    expect(() => eventsFromCsv("type,actor\ncase.resolved,a@example.com\n")).toThrow(BatchError);
    try {
      eventsFromCsv("type,actor\ncase.resolved,a@example.com\n");
    } catch (error) {
      expect((error as BatchError).problems[0].message).toBe("missing columns: occurred_at, external_id");
    }
  });
});

describe("the admin list", () => {
  it("counts, per achievement, the people who earned it", async () => {
    const { listAchievementsForAdmin } = await import("@/lib/achievements/admin");
    const list = await listAchievementsForAdmin(db, { id: "x", role: "admin" });
    const count = async (key: string) => {
      const rows = await db.selectDistinct({ userId: userAchievements.userId }).from(userAchievements).innerJoin(achievements, eq(achievements.id, userAchievements.achievementId)).where(eq(achievements.key, key));
      return rows.length;
    };
    const byName = new Map(list.map((a) => [a.name, a.earnedBy]));
    expect(byName.get("First Case")).toBe(await count("first-case"));
    expect(byName.get("Support Master")).toBe(await count("support-master"));
    expect(byName.get("First Case")).not.toBe(byName.get("Support Master"));
  });
});
