import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { achievementQueue, achievements, activityEvents, notifications, userAchievements, users } from "@/db/schema";
import { evaluateQueuedActivity } from "@/lib/achievements/queue";
import { createMission, transitionMission } from "@/lib/missions/commands";
import { pointsOf } from "@/lib/points/leaderboard";
import { createCompany, type Company } from "./support/company";
import { createTestDatabase } from "./support/database";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let c: Company;
const extra: Database[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  c = await createCompany(database.db, "queue-");
});
afterAll(async () => {
  for (const d of extra) await d.close();
  await database.close();
});

async function grantsOf(userId: string, key: string): Promise<number> {
  const [row] = await database.db.select({ id: achievements.id }).from(achievements).where(eq(achievements.key, key));
  return database.db.$count(userAchievements, and(eq(userAchievements.userId, userId), eq(userAchievements.achievementId, row.id)));
}

const newMission = (description: string) =>
  createMission(database.db, c.owner, { description, reward: "Tea", dueAt: null, audience: "everyone", parentId: null });

describe("in-app activity is evaluated in a following transaction", () => {
  it("a transition commits with its event queued; the worker pays its points, grants and notifies once, and empties the queue", async () => {
    const db = database.db;
    const [takerBefore, ownerBefore] = [await pointsOf(db, c.taker.id), await pointsOf(db, c.owner.id)];
    const { id } = await newMission("Queue me");
    await transitionMission(db, c.taker, id, "start");
    expect(await db.$count(achievementQueue)).toBeGreaterThanOrEqual(2); // created, started
    expect(await grantsOf(c.taker.id, "go-getter")).toBe(0);
    expect(await pointsOf(db, c.taker.id)).toBe(takerBefore);

    expect(await evaluateQueuedActivity(db)).toBeGreaterThanOrEqual(2);
    expect(await db.$count(achievementQueue)).toBe(0);
    expect(await grantsOf(c.taker.id, "go-getter")).toBe(1);
    expect(await grantsOf(c.owner.id, "first-mission")).toBe(1);
    // The default point rules: 2 for starting a mission, 5 for creating one.
    expect(await pointsOf(db, c.taker.id)).toBe(takerBefore + 2);
    expect(await pointsOf(db, c.owner.id)).toBe(ownerBefore + 5);
    expect(await db.$count(notifications, and(eq(notifications.userId, c.taker.id), eq(notifications.kind, "achievement")))).toBe(1);

    expect(await evaluateQueuedActivity(db)).toBe(0);
    expect(await db.$count(notifications, and(eq(notifications.userId, c.taker.id), eq(notifications.kind, "achievement")))).toBe(1);
  });

  it("an event whose evaluation keeps failing stays queued and logged, and does not hold up the ones after it", async () => {
    const db = database.db;
    // A rule the database cannot evaluate for one event: a number too long for numeric.
    await db.insert(achievements).values({ name: "Poisoned", description: "Fails", icon: "☠️", tier: "bronze", rule: { kind: "sum", event: "test.poison", attribute: "amount", threshold: 5 } });
    const [poison] = await db
      .insert(activityEvents)
      .values({ type: "test.poison", actorId: c.outsider.id, occurredAt: new Date(), attributes: { amount: "9".repeat(140_000) }, source: "test" })
      .returning({ id: activityEvents.id });
    await db.insert(achievementQueue).values({ eventId: poison.id });
    const { id } = await newMission("Behind the poison");
    await transitionMission(db, c.audienceMember, id, "start");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});

    expect(await evaluateQueuedActivity(db)).toBeGreaterThanOrEqual(2);
    expect(await grantsOf(c.audienceMember.id, "go-getter")).toBe(1);
    expect((await db.select().from(achievementQueue)).map((q) => q.eventId)).toEqual([poison.id]);
    expect(logged.mock.calls.some((call) => String(call[0]).includes(`activity event ${poison.id}`))).toBe(true);
    logged.mockRestore();
    await db.delete(achievementQueue);
  });

  it("two instances' workers share the queue: every event evaluated once, every threshold met once", async (ctx) => {
    if (!database.openAnother) ctx.skip(); // PGlite is one process by design: there is no second instance.
    const other = await database.openAnother!();
    extra.push(other);
    const db = database.db;
    const takers = await db
      .insert(users)
      .values(Array.from({ length: 30 }, (_, i) => ({ email: `queue-racer${i}@example.com`, name: `Queue Racer ${i}`, departmentId: c.taker.departmentId })))
      .returning({ id: users.id, role: users.role, departmentId: users.departmentId, name: users.name });
    const missions = await Promise.all(takers.map((_, i) => newMission(`Shared queue ${i}`)));
    await Promise.all(takers.map((t, i) => transitionMission(db, { ...t, name: t.name! }, missions[i].id, "start")));

    const [here, there] = await Promise.all([evaluateQueuedActivity(db, 7), evaluateQueuedActivity(other.db, 7)]);
    expect(here + there).toBeGreaterThanOrEqual(60);
    expect(await db.$count(achievementQueue)).toBe(0);
    for (const t of takers) expect(await grantsOf(t.id, "go-getter")).toBe(1);
  });
});
