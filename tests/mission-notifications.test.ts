import { asc, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { notifications } from "@/db/schema";
import { addComment } from "@/lib/missions/comments";
import { createMission, transitionMission } from "@/lib/missions/commands";
import { quoted } from "@/lib/missions/facts";
import { countUnread, listInbox, markNotificationRead } from "@/lib/notifications/inbox";
import { createCompany, type Company } from "./support/company";
import { createTestDatabase } from "./support/database";

let database: Database;
let c: Company;
let missionId: number;
beforeAll(async () => {
  database = await createTestDatabase();
  c = await createCompany(database.db);
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.db.delete(notifications);
  ({ id: missionId } = await createMission(database.db, c.owner, {
    description: "Get this document notarized\nIt is at the front desk.",
    reward: "Dinner",
    dueAt: null,
    audience: "everyone",
    parentId: null,
  }));
});

/** Who got what about missions (achievements are tested on their own), by name, in order. */
async function received() {
  const rows = await database.db
    .select({ userId: notifications.userId, message: notifications.message })
    .from(notifications)
    .where(ne(notifications.kind, "achievement"))
    .orderBy(asc(notifications.id));
  const names = new Map(Object.values(c).flatMap((v) => ("id" in v ? [[v.id, v.name] as const] : [])));
  return rows.map((r) => `${names.get(r.userId)}: ${r.message}`);
}

describe("who is notified", () => {
  it("nobody is notified of a new mission, and never of their own action", async () => {
    await addComment(database.db, c.owner, missionId, "Anyone?");
    expect(await received()).toEqual([]);
  });

  it("the owner hears of every comment and every status change; the taker of comments and the owner's decisions", async () => {
    await addComment(database.db, c.taker, missionId, "Where is the office?");
    await transitionMission(database.db, c.taker, missionId, "start");
    await addComment(database.db, c.owner, missionId, "On Main Street.");
    await transitionMission(database.db, c.taker, missionId, "complete");
    await transitionMission(database.db, c.owner, missionId, "reject", "The stamp is missing");
    await transitionMission(database.db, c.taker, missionId, "complete");
    await transitionMission(database.db, c.ownersManager, missionId, "accept");
    expect(await received()).toEqual([
      "Sally Owner: Spencer Taker commented on “Get this document notarized”: Where is the office?",
      "Sally Owner: Spencer Taker started “Get this document notarized”.",
      "Spencer Taker: Sally Owner commented on “Get this document notarized”: On Main Street.",
      "Sally Owner: Spencer Taker completed “Get this document notarized”: it is awaiting acceptance.",
      "Spencer Taker: Sally Owner rejected “Get this document notarized”: The stamp is missing",
      "Sally Owner: Spencer Taker completed “Get this document notarized”: it is awaiting acceptance.",
      "Sally Owner: Gillian Manager accepted “Get this document notarized”.",
      "Spencer Taker: Gillian Manager accepted “Get this document notarized”.",
    ]);
  });

  it("earlier commenters hear of later comments, once each, but not of status changes", async () => {
    await addComment(database.db, c.outsider, missionId, "Following this");
    await addComment(database.db, c.outsider, missionId, "Still following");
    await transitionMission(database.db, c.taker, missionId, "start");
    await addComment(database.db, c.audienceMember, missionId, "Good luck");
    const last = (await received()).slice(-3);
    expect(last.sort()).toEqual([
      "Raquel Outsider: Marcus Member commented on “Get this document notarized”: Good luck",
      "Sally Owner: Marcus Member commented on “Get this document notarized”: Good luck",
      "Spencer Taker: Marcus Member commented on “Get this document notarized”: Good luck",
    ]);
    expect((await received()).filter((r) => r.startsWith("Raquel Outsider"))).toHaveLength(1);
  });

  it("an admin cancelling tells both owner and taker, with the reason; a withdrawal tells the owner", async () => {
    await transitionMission(database.db, c.taker, missionId, "start");
    await transitionMission(database.db, c.taker, missionId, "withdraw");
    await transitionMission(database.db, c.audienceMember, missionId, "start");
    await transitionMission(database.db, c.admin, missionId, "cancel", "Duplicate of another mission");
    expect((await received()).slice(1)).toEqual([
      "Sally Owner: Spencer Taker withdrew from “Get this document notarized”: it is open again.",
      "Sally Owner: Marcus Member started “Get this document notarized”.",
      "Sally Owner: Alex Admin cancelled “Get this document notarized”: Duplicate of another mission",
      "Marcus Member: Alex Admin cancelled “Get this document notarized”: Duplicate of another mission",
    ]);
  });
});

describe("the message", () => {
  it("quotes a long headline shortened to 80 characters, never cutting an emoji in half", async () => {
    const headline = `${"x".repeat(78)}🎉🎉 and then some more words`;
    const { id } = await createMission(database.db, c.owner, { description: headline, reward: "Cake", dueAt: null, audience: "everyone", parentId: null });
    await transitionMission(database.db, c.taker, id, "start");
    expect(await received()).toEqual([`Sally Owner: Spencer Taker started ${quoted(headline)}.`]);
    expect(quoted(headline)).toBe(`“${"x".repeat(78)}🎉…”`);
  });
});

describe("the inbox", () => {
  it("counts unread entries and marks one's own as read, never another's", async () => {
    await addComment(database.db, c.taker, missionId, "Hello");
    await addComment(database.db, c.audienceMember, missionId, "Hi");
    await database.db.delete(notifications).where(eq(notifications.kind, "achievement"));
    expect(await countUnread(database.db, c.owner.id)).toBe(2);
    const { entries } = await listInbox(database.db, c.owner.id);
    expect(entries.map((e) => [e.actorName, e.missionId, e.read])).toEqual([
      ["Marcus Member", missionId, false],
      ["Spencer Taker", missionId, false],
    ]);
    await expect(markNotificationRead(database.db, c.taker.id, entries[0].id)).rejects.toMatchObject({ status: 404 });
    await markNotificationRead(database.db, c.owner.id, entries[0].id);
    expect(await countUnread(database.db, c.owner.id)).toBe(1);
    const [row] = await database.db.select().from(notifications).where(eq(notifications.id, entries[0].id));
    expect(row.readAt).toBeInstanceOf(Date);
  });
});
