import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { attachments } from "@/db/schema";
import { readAttachment, safeFilename } from "@/lib/attachments/attachments";
import { addComment, deleteComment, editComment } from "@/lib/missions/comments";
import { createMission, transitionMission, updateMission, type MissionActor } from "@/lib/missions/commands";
import { getMission, listMissions, overdue } from "@/lib/missions/queries";
import { markAllMissionsRead, openMission } from "@/lib/missions/reads";
import { missionListSchema, type MissionFields } from "@/lib/validation/missions";
import { createCompany, type Company } from "./support/company";
import { createTestDatabase } from "./support/database";

let database: Database;
let c: Company;
beforeAll(async () => {
  database = await createTestDatabase();
  c = await createCompany(database.db, "lists-");
});
afterAll(() => database.close());

function fields(description: string, more: Partial<MissionFields> = {}): MissionFields {
  return { description, reward: "Coffee", dueAt: null, audience: "everyone", parentId: null, ...more };
}
async function list(viewer: MissionActor, query: Record<string, unknown> = {}) {
  return listMissions(database.db, viewer, missionListSchema.parse(query));
}
const headlines = (page: { rows: { headline: string }[] }) => page.rows.map((r) => r.headline);

describe("mission lists", () => {
  it("filters All, Created, Available and My Missions as PRODUCT.md says", async () => {
    const db = database.db;
    const forSupport = await createMission(db, c.owner, fields("Support only", { audience: [c.departments.support] }));
    const forEveryone = await createMission(db, c.owner, fields("For everyone"));
    const taken = await createMission(db, c.owner, fields("Taken by Spencer"));
    await transitionMission(db, c.taker, taken.id, "start");
    const spencersOwn = await createMission(db, c.taker, fields("Spencer's own"));

    expect(headlines(await list(c.taker, { filter: "available" }))).toEqual(["For everyone", "Support only"]);
    expect(headlines(await list(c.outsider, { filter: "available" }))).toEqual(["Spencer's own", "For everyone"]);
    expect(headlines(await list(c.taker, { filter: "mine" }))).toEqual(["Taken by Spencer"]);
    expect(headlines(await list(c.taker, { filter: "created" }))).toEqual(["Spencer's own"]);
    expect(headlines(await list(c.owner, { filter: "created" }))).toEqual(["Taken by Spencer", "For everyone", "Support only"]);
    expect((await list(c.outsider)).rows).toHaveLength(4);
    void forSupport;
    void forEveryone;
    void spencersOwn;
  });

  it("searches description and reward, filters by status, sorts by due date and pages", async () => {
    const db = database.db;
    const soon = new Date(Date.now() + 86_400_000);
    const later = new Date(Date.now() + 7 * 86_400_000);
    await createMission(db, c.audienceMember, fields("Find 100% cotton shirts", { reward: "Lunch", dueAt: later }));
    await createMission(db, c.audienceMember, fields("Book the venue", { reward: "Tickets_for_2", dueAt: soon }));
    expect(headlines(await list(c.owner, { q: "100%" }))).toEqual(["Find 100% cotton shirts"]);
    expect(headlines(await list(c.owner, { q: "tickets_for" }))).toEqual(["Book the venue"]);
    expect(headlines(await list(c.owner, { q: "_" }))).toEqual(["Book the venue"]);
    expect(headlines(await list(c.owner, { status: "in_progress" }))).toEqual(["Taken by Spencer"]);
    expect(headlines(await list(c.owner, { sort: "due" })).slice(0, 2)).toEqual(["Book the venue", "Find 100% cotton shirts"]);
    const page2 = await list(c.owner, { pageSize: 2, page: 2 });
    expect(page2).toMatchObject({ page: 2, hasMore: true });
    expect(page2.rows).toHaveLength(2);
    const page3 = await list(c.owner, { pageSize: 2, page: 3 });
    expect(page3).toMatchObject({ page: 3, hasMore: false });
    expect(page3.rows).toHaveLength(2);
    expect(new Set([...(await list(c.owner, { pageSize: 2 })).rows, ...page2.rows, ...page3.rows].map((r) => r.id)).size).toBe(6);
  });
});

describe("unread missions (bold)", () => {
  it("a new mission is unread for others, read for its owner; opening reads it; new activity by others makes it unread again", async () => {
    const db = database.db;
    const { id } = await createMission(db, c.owner, fields("Fresh mission"));
    const unread = async (viewer: MissionActor) => (await list(viewer)).rows.find((r) => r.id === id)!.unread;
    expect(await unread(c.owner)).toBe(false);
    expect(await unread(c.taker)).toBe(true);

    await openMission(db, c.taker.id, id);
    expect(await unread(c.taker)).toBe(false);

    await addComment(db, c.taker, id, "My own comment");
    expect(await unread(c.taker)).toBe(false);
    expect(await unread(c.owner)).toBe(true);

    await transitionMission(db, c.taker, id, "start");
    expect(await unread(c.audienceMember)).toBe(true);
    await markAllMissionsRead(db, c.audienceMember.id);
    expect((await list(c.audienceMember)).rows.every((r) => !r.unread)).toBe(true);

    await addComment(db, c.owner, id, "Later news");
    expect(await unread(c.audienceMember)).toBe(true);
  });
});

describe("editing and sub-missions", () => {
  it("the owner edits an Open mission; nobody else, and not once it is taken", async () => {
    const db = database.db;
    const { id } = await createMission(db, c.owner, fields("Old text"));
    await expect(updateMission(db, c.taker, id, fields("Hijack"))).rejects.toMatchObject({ status: 403 });
    await updateMission(db, c.owner, id, fields("New text\nmore", { reward: "Cake", audience: [c.departments.sales] }));
    const edited = await getMission(db, c.owner, id);
    expect(edited).toMatchObject({ headline: "New text", reward: "Cake", audience: [{ id: c.departments.sales }] });
    await transitionMission(db, c.audienceMember, id, "start");
    await expect(updateMission(db, c.owner, id, fields("Too late"))).rejects.toMatchObject({ status: 409 });
  });

  it("links a sub-mission to a mission the creator owns or has taken, and refuses others", async () => {
    const db = database.db;
    const parent = await createMission(db, c.owner, fields("Big mission"));
    await transitionMission(db, c.taker, parent.id, "start");
    const help = await createMission(db, c.taker, fields("Help me with part of it", { parentId: parent.id }));
    const detail = await getMission(db, c.outsider, parent.id);
    expect(detail.subMissions).toEqual([{ id: help.id, headline: "Help me with part of it", status: "open" }]);
    expect((await getMission(db, c.outsider, help.id)).parent).toEqual({ id: parent.id, headline: "Big mission" });
    await expect(createMission(db, c.outsider, fields("Not mine", { parentId: parent.id }))).rejects.toMatchObject({ status: 422, fieldErrors: { parentId: [expect.any(String)] } });
  });

  it("rejects bad input with the field at fault and saves nothing", async () => {
    const db = database.db;
    const before = (await list(c.owner, { pageSize: 100 })).rows.length;
    await expect(createMission(db, c.owner, fields("Past", { dueAt: new Date(Date.now() - 1000) }))).rejects.toMatchObject({ fieldErrors: { dueAt: [expect.any(String)] } });
    await expect(createMission(db, c.owner, fields("Nowhere", { audience: [999999] }))).rejects.toMatchObject({ fieldErrors: { audience: [expect.any(String)] } });
    const big = { name: "huge.bin", type: "application/octet-stream", data: Buffer.alloc(2048) };
    await expect(createMission(db, c.owner, fields("With a big file"), [big], 1024)).rejects.toMatchObject({ fieldErrors: { attachments: ["huge.bin is larger than the 0 MB limit."] } });
    expect((await list(c.owner, { pageSize: 100 })).rows).toHaveLength(before);
  });
});

describe("attachments", () => {
  it("stores files in the database with a safe name and reads them back", async () => {
    const db = database.db;
    const file = { name: "../../etc/pass\u0000wd\".pdf", type: "application/pdf", data: Buffer.from("%PDF-1.4 hello") };
    const { id } = await createMission(db, c.owner, fields("With a file"), [file], 1024);
    await addComment(db, c.taker, id, "Here is mine", [{ name: "photo.png", type: "image/png", data: Buffer.from([1, 2, 3]) }], 1024);
    const detail = await getMission(db, c.taker, id);
    expect(detail.attachments).toEqual([expect.objectContaining({ filename: "passwd.pdf", size: 14, contentType: "application/pdf" })]);
    expect(detail.comments[0].attachments).toEqual([expect.objectContaining({ filename: "photo.png", size: 3 })]);
    const download = await readAttachment(db, detail.attachments[0].id);
    expect(download.data.toString()).toBe("%PDF-1.4 hello");
    await expect(readAttachment(db, "not-a-uuid")).rejects.toMatchObject({ status: 404 });
    await expect(readAttachment(db, crypto.randomUUID())).rejects.toMatchObject({ status: 404 });
    expect(await db.$count(attachments)).toBe(2);
  });

  it("keeps unicode names and never returns an empty one", () => {
    expect(safeFilename("Überweisung 2026.pdf")).toBe("Überweisung 2026.pdf");
    expect(safeFilename("..")).toBe("attachment");
    expect(safeFilename("C:\\Users\\me\\report.docx")).toBe("report.docx");
  });
});

describe("comments", () => {
  it("authors edit and delete their own comments only; the count follows", async () => {
    const db = database.db;
    const { id } = await createMission(db, c.owner, fields("Discussed mission"));
    const first = await addComment(db, c.taker, id, "First thought");
    await addComment(db, c.outsider, id, "Second thought");
    await expect(editComment(db, c.outsider, first.id, "Hijacked")).rejects.toMatchObject({ status: 403 });
    await expect(deleteComment(db, c.owner, first.id)).rejects.toMatchObject({ status: 403 });
    await editComment(db, c.taker, first.id, "Better thought");
    let detail = await getMission(db, c.owner, id);
    expect(detail.comments.map((x) => [x.body, !!x.editedAt])).toEqual([["Better thought", true], ["Second thought", false]]);
    await deleteComment(db, c.taker, first.id);
    detail = await getMission(db, c.owner, id);
    expect(detail.comments.map((x) => x.body)).toEqual(["Second thought"]);
    expect((await list(c.owner, { q: "Discussed" })).rows[0].commentCount).toBe(1);
    await expect(deleteComment(db, c.taker, first.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe("overdue", () => {
  it("is a due date in the past on a mission still waiting for work", () => {
    const past = new Date(Date.now() - 1000);
    expect(overdue(past, "open")).toBe(true);
    expect(overdue(past, "in_progress")).toBe(true);
    expect(overdue(past, "rejected")).toBe(true);
    expect(overdue(past, "awaiting_acceptance")).toBe(false);
    expect(overdue(past, "accepted")).toBe(false);
    expect(overdue(past, "cancelled")).toBe(false);
    expect(overdue(new Date(Date.now() + 60_000), "open")).toBe(false);
    expect(overdue(null, "open")).toBe(false);
  });
});
