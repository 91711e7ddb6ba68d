import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { Database, Db } from "@/db/client";
import { achievements, companySettings, notifications, pointRules, userAchievements, users } from "@/db/schema";
import { ingestEvents } from "@/lib/activity/ingest";
import { requestBackfill, runPendingBackfills } from "@/lib/achievements/backfill";
import { installAchievementDefaults } from "@/lib/achievements/install";
import { awardClosedPeriods } from "@/lib/achievements/period-awards";
import { levelFor } from "@/lib/points/levels";
import { leaderboard, pointsOf } from "@/lib/points/leaderboard";
import { setPointRule } from "@/lib/points/rules";
import { createTestDatabase } from "./support/database";

process.env.COMPANY_TIME_ZONE = "America/New_York";

const opened: Database[] = [];
afterAll(async () => {
  for (const d of opened) await d.close();
});

const CHANNELS = ["email", "phone", "chat", "social"];
const PEOPLE = ["ada", "bo", "cam", "dee"];

/** A deterministic history: a few months of cases for four people on all channels and days. */
function history() {
  const events = [];
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < 1400; i++) {
    const who = PEOPLE[Math.floor(random() * (random() < 0.5 ? 2 : 4))];
    const at = new Date(Date.UTC(2026, 0, 5) + Math.floor(random() * 90 * 86_400_000));
    events.push({
      type: "case.resolved",
      actor: `${who}@example.com`,
      occurredAt: at.toISOString(),
      externalId: `h-${i}`,
      attributes: { channel: CHANNELS[Math.floor(random() * 4)], satisfaction: random() < 0.6 ? "good" : "bad", queue: "support", customer: `c${(i * 7) % 15}` },
    });
  }
  return events;
}

async function freshCompany(): Promise<Db> {
  const database = await createTestDatabase();
  opened.push(database);
  await database.db.insert(users).values(PEOPLE.map((p) => ({ email: `${p}@example.com`, name: p })));
  return database.db;
}

async function grantsOf(db: Db) {
  const rows = await db.execute(sql`
    select u.email, a.key, g.period_key, g.granted_at from user_achievements g
    join users u on u.id = g.user_id join achievements a on a.id = g.achievement_id
    order by 1, 2, 3`);
  return (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows).map((r) => {
    const row = r as { email: string; key: string; period_key: string; granted_at: string | Date };
    return `${row.email} ${row.key} ${row.period_key} ${new Date(row.granted_at).toISOString()}`;
  });
}

const asOf = new Date(Date.UTC(2026, 4, 1));

async function ingestAll(db: Db, events: ReturnType<typeof history>) {
  for (let i = 0; i < events.length; i += 1000) await ingestEvents(db, events.slice(i, i + 1000), "helpdesk");
}

/**
 * Each rule as a custom achievement, and beside it its general form (the same rule with a filter
 * every event passes: "-general"), then a backfill of them all. The special query shapes must
 * grant what the general form grants.
 */
async function backfillWithGeneralForms(db: Db, rules: Record<string, object>) {
  const everyEvent = [{ attribute: "queue", equals: "support" }];
  const created = await db
    .insert(achievements)
    .values(
      Object.entries(rules).flatMap(([key, rule]) => [
        { key, name: key, description: key, icon: "🧪", tier: "bronze" as const, rule },
        { key: `${key}-general`, name: `${key}-general`, description: key, icon: "🧪", tier: "bronze" as const, rule: { ...rule, where: everyEvent } },
      ]),
    )
    .returning({ id: achievements.id });
  await requestBackfill(db, created.map((a) => a.id), null);
  await runPendingBackfills(db);
}

describe("retroactive evaluation", () => {
  it("gives the same grants, dated the same, whichever way history arrives", async () => {
    const events = history();

    const live = await freshCompany();
    for (let i = 0; i < events.length; i += 100) await ingestEvents(live, events.slice(i, i + 100), "helpdesk");
    await awardClosedPeriods(live, asOf);

    const reversed = await freshCompany();
    const backwards = [...events].reverse();
    for (let i = 0; i < backwards.length; i += 350) await ingestEvents(reversed, backwards.slice(i, i + 350), "helpdesk");
    await awardClosedPeriods(reversed, asOf);

    const backfilled = await freshCompany();
    await backfilled.update(companySettings).set({ achievementsEnabled: false });
    for (let i = 0; i < events.length; i += 1000) await ingestEvents(backfilled, events.slice(i, i + 1000), "helpdesk");
    expect(await backfilled.$count(userAchievements)).toBe(0);
    await backfilled.update(companySettings).set({ achievementsEnabled: true });
    const ids = (await backfilled.select({ id: achievements.id }).from(achievements)).map((a) => a.id);
    await requestBackfill(backfilled, ids, null);
    // The backfill settles periods up to now; award the rank rule "as of" the same moment as the others.
    await backfilled.update(achievements).set({ enabled: false }).where(eq(achievements.key, "weekly-champion"));
    await runPendingBackfills(backfilled);
    await backfilled.update(achievements).set({ enabled: true }).where(eq(achievements.key, "weekly-champion"));
    await awardClosedPeriods(backfilled, asOf);

    const expected = await grantsOf(live);
    expect(expected.length).toBeGreaterThan(30);
    expect(expected.some((g) => g.includes("weekly-champion 2026-W"))).toBe(true);
    expect(expected.some((g) => g.includes("support-master"))).toBe(false);
    expect(await grantsOf(reversed)).toEqual(expected);
    expect(await grantsOf(backfilled)).toEqual(expected);
  });

  it("skips an achievement switched off before its backfill ran", async () => {
    const db = await freshCompany();
    await db.update(companySettings).set({ achievementsEnabled: false });
    await ingestAll(db, history().slice(0, 400));
    await db.update(companySettings).set({ achievementsEnabled: true });
    const all = await db.select({ id: achievements.id, key: achievements.key }).from(achievements);
    await requestBackfill(db, all.map((a) => a.id), null);
    await db.update(achievements).set({ enabled: false }).where(eq(achievements.key, "first-case"));
    await runPendingBackfills(db);
    const keys = new Set((await grantsOf(db)).map((g) => g.split(" ")[1]));
    expect(keys.has("cases-100")).toBe(true);
    expect(keys.has("first-case")).toBe(false);
  });

  it("tells each person once, grouped, instead of a toast per badge", async () => {
    const db = await freshCompany();
    await db.update(companySettings).set({ achievementsEnabled: false });
    await ingestEvents(db, history().slice(0, 400), "helpdesk");
    await db.update(companySettings).set({ achievementsEnabled: true });
    const ids = (await db.select({ id: achievements.id }).from(achievements)).map((a) => a.id);
    await requestBackfill(db, ids, null);
    expect(await runPendingBackfills(db)).toBe(1);
    const ada = (await db.select().from(users).where(eq(users.email, "ada@example.com")))[0];
    const messages = (await db.select().from(notifications).where(eq(notifications.userId, ada.id))).map((n) => n.message);
    const count = await db.$count(userAchievements, eq(userAchievements.userId, ada.id));
    expect(count).toBeGreaterThan(1);
    expect(messages).toEqual([`🏅 You have already earned ${count} achievements: see My Achievements.`]);
    expect(await runPendingBackfills(db)).toBe(0);
  });
});

describe("the rules' query shapes", () => {
  // Rules about a person's own events with no conditions tally each period from an index; the same
  // rule with a condition every event meets ("queue: support") takes the general form, which
  // buckets and numbers every event. The history crosses the start of daylight saving time in New
  // York (8 March).
  it("period tallies grant what the general form grants, dated the same", async () => {
    const db = await freshCompany();
    await db.update(companySettings).set({ achievementsEnabled: false });
    await ingestAll(db, history());
    await db.update(companySettings).set({ achievementsEnabled: true });
    const rules = {
      weekly: { kind: "count", event: "case.resolved", threshold: 20, period: "week" },
      monthly: { kind: "count", event: "case.resolved", threshold: 70, period: "month" },
      weeklyTop: { kind: "rank", event: "case.resolved", period: "week", top: 1 },
      monthlyTop2: { kind: "rank", event: "case.resolved", period: "month", top: 2 },
    };
    await backfillWithGeneralForms(db, rules);

    const grants = (await grantsOf(db)).filter((g) => g.split(" ")[1] in rules || g.split(" ")[1].endsWith("-general"));
    const shaped = grants.filter((g) => !g.includes("-general"));
    expect(grants.filter((g) => g.includes("-general")).map((g) => g.replace("-general", ""))).toEqual(shaped);
    for (const name of Object.keys(rules)) expect(shaped.some((g) => g.split(" ")[1] === name)).toBe(true);
    // Weeks from Monday in New York: the week of the clock change starts at 05:00 UTC, the next at 04:00.
    expect(shaped.some((g) => g.includes(" weeklyTop 2026-W10 2026-03-09T04:00:00.000Z"))).toBe(true);
    expect(shaped.some((g) => g.includes(" weeklyTop 2026-W09 2026-03-02T05:00:00.000Z"))).toBe(true);
  });

  it("where a clock change repeats the first hour of a period (Havana, 1 November 2026), its first pass belongs to the new period, as local time says", async () => {
    const db = await freshCompany();
    await db.update(companySettings).set({ timeZone: "America/Havana", achievementsEnabled: false });
    // 00:30 local happens at 04:30Z (summer time) and again at 05:30Z (winter time).
    const at = ["2026-10-31T12:00:00Z", "2026-11-01T04:30:00Z", "2026-11-01T05:30:00Z"];
    await ingestEvents(db, at.map((occurredAt, i) => ({ type: "case.resolved", actor: "ada@example.com", occurredAt, externalId: `havana-${i}`, attributes: { queue: "support" } })), "helpdesk");
    await db.update(companySettings).set({ achievementsEnabled: true });
    const rules = {
      monthly: { kind: "count", event: "case.resolved", threshold: 2, period: "month" },
      monthlyTop: { kind: "rank", event: "case.resolved", period: "month", top: 1 },
    };
    await backfillWithGeneralForms(db, rules);
    expect((await grantsOf(db)).filter((g) => g.includes(" monthly"))).toEqual([
      "ada@example.com monthly 2026-11 2026-11-01T05:30:00.000Z",
      "ada@example.com monthly-general 2026-11 2026-11-01T05:30:00.000Z",
      // October closed at the first pass of 00:00 on 1 November (04:00Z).
      "ada@example.com monthlyTop 2026-10 2026-11-01T04:00:00.000Z",
      "ada@example.com monthlyTop 2026-11 2026-12-01T05:00:00.000Z",
      "ada@example.com monthlyTop-general 2026-10 2026-11-01T04:00:00.000Z",
      "ada@example.com monthlyTop-general 2026-11 2026-12-01T05:00:00.000Z",
    ]);
  });

  it("rank rules place ties as rank() does: the top 2 of counts 5, 5, 3, 3, 1 are the two fives, the top 3 adds both threes", async () => {
    const db = await freshCompany();
    await db.insert(users).values({ email: "eve@example.com", name: "eve" });
    await db.update(companySettings).set({ achievementsEnabled: false });
    const counts = { ada: 5, bo: 5, cam: 3, dee: 3, eve: 1 };
    // All in the week from Monday 2 February 2026 in New York, and in February.
    const events = Object.entries(counts).flatMap(([who, n]) =>
      Array.from({ length: n }, (_, i) => ({
        type: "case.resolved",
        actor: `${who}@example.com`,
        occurredAt: new Date(Date.UTC(2026, 1, 3, 15, i)).toISOString(),
        externalId: `tie-${who}-${i}`,
        attributes: { queue: "support" },
      })),
    );
    await ingestEvents(db, events, "helpdesk");
    await db.update(companySettings).set({ achievementsEnabled: true });
    // The two weekly ranks share one tally (ranked for the larger top); the monthly one is a query of its own.
    const rules = {
      weeklyTop2: { kind: "rank", event: "case.resolved", period: "week", top: 2 },
      weeklyTop3: { kind: "rank", event: "case.resolved", period: "week", top: 3 },
      monthlyTop2: { kind: "rank", event: "case.resolved", period: "month", top: 2 },
    };
    await backfillWithGeneralForms(db, rules);
    const placed = (key: string) => (grantsOf(db) as Promise<string[]>).then((grants) => grants.filter((g) => g.split(" ")[1] === key).map((g) => g.split("@")[0]));
    for (const key of Object.keys(rules)) expect(await placed(`${key}-general`)).toEqual(await placed(key));
    expect(await placed("weeklyTop2")).toEqual(["ada", "bo"]);
    expect(await placed("weeklyTop3")).toEqual(["ada", "bo", "cam", "dee"]);
    expect(await placed("monthlyTop2")).toEqual(["ada", "bo"]);
  });

  it("distinct counts, walked (up to 10 values) or grouped (more), date the grant at the first event of the last new value", async () => {
    const db = await freshCompany();
    const events = history();
    await ingestAll(db, events);
    const rules = {
      walked: { kind: "distinct", event: "case.resolved", attribute: "customer", threshold: 9, where: [{ attribute: "satisfaction", equals: "good" }] },
      grouped: { kind: "distinct", event: "case.resolved", attribute: "customer", threshold: 12 },
    } as const;
    const created = await db
      .insert(achievements)
      .values(Object.entries(rules).map(([key, rule]) => ({ key, name: key, description: key, icon: "🧪", tier: "bronze" as const, rule })))
      .returning({ id: achievements.id });
    await requestBackfill(db, created.map((a) => a.id), null);
    await runPendingBackfills(db);
    // The same, counted here: each value's first matching event; the N-th of those moments.
    const expected = (key: string, attribute: "channel" | "customer", threshold: number, onlyGood = false) =>
      PEOPLE.flatMap((p) => {
        const firsts = new Map<string, number>();
        for (const e of events.filter((e) => e.actor === `${p}@example.com` && (!onlyGood || e.attributes.satisfaction === "good"))) {
          const at = new Date(e.occurredAt).getTime();
          firsts.set(e.attributes[attribute], Math.min(at, firsts.get(e.attributes[attribute]) ?? Infinity));
        }
        const times = [...firsts.values()].sort((a, b) => a - b);
        return times.length >= threshold ? [`${p}@example.com ${key}  ${new Date(times[threshold - 1]).toISOString()}`] : [];
      });
    const grants = await grantsOf(db);
    for (const [key, attribute, threshold, onlyGood] of [["omnichannel", "channel", 4, false], ["walked", "customer", 9, true], ["grouped", "customer", 12, false]] as const) {
      expect(expected(key, attribute, threshold, onlyGood).length).toBeGreaterThan(1);
      expect(grants.filter((g) => g.split(" ")[1] === key)).toEqual(expected(key, attribute, threshold, onlyGood));
    }
  });

});

describe("points, levels and leaderboards", () => {
  it("pays per the point rules into a ledger and ranks this week, this month and all time in the company's zone", async () => {
    const db = await freshCompany();
    await db.update(pointRules).set({ points: 3 }).where(eq(pointRules.eventType, "case.resolved"));
    const at = (iso: string, who: string, id: string) => ({ type: "case.resolved", actor: `${who}@example.com`, occurredAt: iso, externalId: id });
    await ingestEvents(
      db,
      [
        at("2026-10-31T12:00:00-04:00", "ada", "1"), // October
        at("2026-10-31T12:30:00-04:00", "ada", "2"),
        at("2026-11-01T00:30:00-04:00", "bo", "3"), // November, a Sunday: last week
        at("2026-11-02T00:00:00-05:00", "cam", "4"), // Monday 00:00 New York: this week
        at("2026-11-03T09:00:00-05:00", "bo", "5"),
      ],
      "helpdesk",
    );
    const now = new Date("2026-11-04T12:00:00-05:00");
    const board = (period: "week" | "month" | "all") => leaderboard(db, period, { timeZone: "America/New_York", asOf: now }).then((rows) => rows.map((r) => `${r.rank} ${r.name} ${r.points}`));
    expect(await board("week")).toEqual(["1 bo 3", "1 cam 3"]);
    expect(await board("month")).toEqual(["1 bo 6", "2 cam 3"]);
    expect(await board("all")).toEqual(["1 ada 6", "1 bo 6", "3 cam 3"]);
    await db.update(users).set({ hideFromLeaderboards: true }).where(eq(users.email, "bo@example.com"));
    expect(await board("month")).toEqual(["1 cam 3"]);
    const ada = (await db.select().from(users).where(eq(users.email, "ada@example.com")))[0];
    expect(await pointsOf(db, ada.id)).toBe(6);
  });

  it("admins set points per activity type; new activity pays the new amount, the ledger keeps the old", async () => {
    const db = await freshCompany();
    const ada = (await db.select().from(users).where(eq(users.email, "ada@example.com")))[0];
    const event = (id: string) => ({ type: "deal.won", actor: "ada@example.com", occurredAt: "2026-11-02T10:00:00Z", externalId: id });
    await ingestEvents(db, [event("d1")], "crm");
    expect(await pointsOf(db, ada.id)).toBe(0);
    await expect(setPointRule(db, { role: "manager" }, { eventType: "deal.won", points: 10 })).rejects.toMatchObject({ status: 403 });
    await expect(setPointRule(db, { role: "admin" }, { eventType: "Deal Won", points: 5000 })).rejects.toMatchObject({
      status: 422,
      fieldErrors: { eventType: [expect.any(String)], points: ["At most 1,000."] },
    });
    await setPointRule(db, { role: "admin" }, { eventType: "deal.won", points: 10 });
    await ingestEvents(db, [event("d2")], "crm");
    expect(await pointsOf(db, ada.id)).toBe(10);
    await setPointRule(db, { role: "admin" }, { eventType: "deal.won", points: 1 });
    await ingestEvents(db, [event("d3")], "crm");
    expect(await pointsOf(db, ada.id)).toBe(11);
  });

  it("point rules and built-ins added to a database with history pay and grant for that history", async () => {
    const db = await freshCompany();
    await db.delete(pointRules);
    await db.delete(achievements);
    await ingestEvents(db, history().slice(0, 50), "helpdesk");
    expect(await db.$count(userAchievements)).toBe(0);
    await installAchievementDefaults(db);
    const ada = (await db.select().from(users).where(eq(users.email, "ada@example.com")))[0];
    expect(await pointsOf(db, ada.id)).toBeGreaterThan(0);
    await runPendingBackfills(db);
    expect(await db.$count(userAchievements, eq(userAchievements.userId, ada.id))).toBeGreaterThan(0);
  });

  it("levels rise at point thresholds with progress to the next", () => {
    expect(levelFor(0)).toMatchObject({ level: 1, name: "Rookie", next: { level: 2, minPoints: 50 }, progress: 0 });
    expect(levelFor(49).level).toBe(1);
    expect(levelFor(50)).toMatchObject({ level: 2, name: "Contributor", progress: 0 });
    expect(levelFor(100).progress).toBe(0.5);
    expect(levelFor(1_000_000)).toMatchObject({ level: 7, next: null, progress: 1 });
  });
});
