import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications, users } from "@/db/schema";
import type { Database } from "@/db/client";
import { startAchievementWorker } from "@/lib/achievements/queue";
import { addComment } from "@/lib/missions/comments";
import { createMission, transitionMission } from "@/lib/missions/commands";
import { LiveHub, type LiveEvent } from "@/lib/notifications/live";
import { LIVE_CHANNEL, notifyEach, type LiveSignal } from "@/lib/notifications/notify";
import { createCompany, type Company } from "./support/company";
import { createTestDatabase } from "./support/database";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let c: Company;
const extra: Database[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  c = await createCompany(database.db);
});
afterAll(async () => {
  for (const d of extra) await d.close();
  await database.close();
});

type NotificationEvent = Extract<LiveEvent, { event: "notification" }>;
const isNotification = (kind: string) => (e: LiveEvent): e is NotificationEvent => e.event === "notification" && e.data.kind === kind;

function collect(hub: LiveHub, userId: string) {
  const events: LiveEvent[] = [];
  return { events, subscribed: hub.subscribe(userId, (e) => events.push(e)) };
}

async function until<T>(read: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error("timed out waiting for a live event");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("live notifications", () => {
  it("reach the recipient's subscribers once committed, and nobody else's; a badge follows from the achievement worker", async () => {
    const stopWorker = await startAchievementWorker(database);
    const hub = new LiveHub(database);
    const owner = collect(hub, c.owner.id);
    const bystander = collect(hub, c.outsider.id);
    await Promise.all([owner.subscribed, bystander.subscribed]);
    const { id } = await createMission(database.db, c.owner, { description: "Live one", reward: "Cake", dueAt: null, audience: "everyone", parentId: null });
    await addComment(database.db, c.taker, id, "Hello there");

    const note = await until(() => owner.events.find(isNotification("comment")));
    expect(note.data).toMatchObject({ missionId: id, message: "Spencer Taker commented on “Live one”: Hello there", read: false });
    await until(() => bystander.events.find((e) => e.event === "mission"));
    expect(bystander.events.filter((e) => e.event === "notification")).toEqual([]);
    const badge = await until(() => owner.events.find(isNotification("achievement")));
    expect(badge.data.message).toBe("🚀 You earned “First Mission”!");
    await stopWorker();
  });

  it("a transition's notification and mission signal reach subscribers once it has committed, in a transaction only when it commits", async () => {
    const hub = new LiveHub(database);
    const owner = collect(hub, c.owner.id);
    await owner.subscribed;
    const { id } = await createMission(database.db, c.owner, { description: "Signalled", reward: "Tea", dueAt: null, audience: "everyone", parentId: null });
    await transitionMission(database.db, c.taker, id, "start");
    const note = await until(() => owner.events.find((e): e is NotificationEvent => isNotification("status_change")(e) && e.data.missionId === id));
    expect(note.data.message).toBe("Spencer Taker started “Signalled”.");
    await until(() => owner.events.find((e) => e.event === "mission" && e.data.id === id));

    const heard = owner.events.length;
    let inside: unknown;
    await expect(
      database.db.transaction(async (tx) => {
        inside = await transitionMission(tx, c.taker, id, "complete");
        await new Promise((r) => setTimeout(r, 300));
        expect(owner.events.length).toBe(heard); // not before the commit
        tx.rollback();
      }),
    ).rejects.toThrow(/rollback/i);
    expect(inside).toEqual({ id, status: "awaiting_acceptance" });
    await new Promise((r) => setTimeout(r, 300));
    expect(owner.events.length).toBe(heard); // nor after a rollback
  });

  it("a notification for each of 1,200 people is signalled 500 ids at a time (NOTIFY payloads stop at 8 kB)", async () => {
    const people = await database.db
      .insert(users)
      .values(Array.from({ length: 1200 }, (_, i) => ({ email: `many${i}@example.com`, name: `Many ${i}` })))
      .returning({ id: users.id });
    const signals: number[][] = [];
    const unlisten = await database.listen(LIVE_CHANNEL, (payload) => {
      const signal = JSON.parse(payload) as LiveSignal;
      if (signal.type === "notifications") signals.push(signal.ids);
    });
    await notifyEach(database.db, people.map((p, i) => ({ userId: p.id, message: `Summary ${i}` })), { kind: "achievement", actorId: null, missionId: null });
    await until(() => (signals.flat().length >= 1200 ? true : undefined));
    await unlisten();
    expect(signals.map((ids) => ids.length).sort((a, b) => b - a)).toEqual([500, 500, 200]);
    const stored = await database.db.select({ id: notifications.id, userId: notifications.userId, message: notifications.message }).from(notifications).where(inArray(notifications.id, signals.flat()));
    expect(stored).toHaveLength(1200);
    expect(stored.find((n) => n.userId === people[7].id)?.message).toBe("Summary 7");
  });

  it("cross app instances: a comment written through one instance reaches a subscriber on another", async (ctx) => {
    if (!database.openAnother) ctx.skip(); // PGlite is one process by design: there is no second instance.
    const other = await database.openAnother!();
    extra.push(other);
    const hubOnOther = new LiveHub(other);
    const owner = collect(hubOnOther, c.owner.id);
    await owner.subscribed;
    const { id } = await createMission(database.db, c.owner, { description: "Across instances", reward: "Tea", dueAt: null, audience: "everyone", parentId: null });
    await addComment(database.db, c.taker, id, "From instance A");
    const note = await until(() => owner.events.find(isNotification("comment")));
    expect(note.data.message).toContain("From instance A");
  });
});
