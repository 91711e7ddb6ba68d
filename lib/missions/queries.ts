import { and, asc, desc, eq, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { escapeLike } from "@/db/sql-helpers";
import {
  attachments,
  comments,
  departments,
  missionAudience,
  missionReadMarks,
  missionReads,
  missions,
  missionTransitions,
  users,
  type MissionStatus,
} from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import type { MissionListQuery } from "@/lib/validation/missions";
import { availableActions, FINAL_STATUSES, mayEdit, type Actor, type MissionAction } from "./lifecycle";

export type MissionListRow = {
  id: number;
  headline: string;
  reward: string;
  status: MissionStatus;
  dueAt: Date | null;
  overdue: boolean;
  commentCount: number;
  lastActivityAt: Date;
  owner: { id: string; name: string };
  unread: boolean;
};

/** A page of missions; `hasMore` instead of an exact total, which would cost a count over the whole filter. */
export type MissionPage = { rows: MissionListRow[]; page: number; pageSize: number; hasMore: boolean };

function inAudienceOf(viewer: Actor): SQL {
  if (viewer.departmentId === null) return eq(missions.audienceEveryone, true);
  return or(
    eq(missions.audienceEveryone, true),
    sql`exists (select 1 from ${missionAudience} where ${missionAudience.missionId} = ${missions.id} and ${missionAudience.departmentId} = ${viewer.departmentId})`,
  )!;
}

export function overdue(dueAt: Date | null, status: MissionStatus, at = new Date()): boolean {
  return !!dueAt && dueAt < at && !FINAL_STATUSES.includes(status) && status !== "awaiting_acceptance";
}

/**
 * The Missions page and GET /api/v1/missions. The page of missions is chosen first (an index
 * scan in list order, one row more than asked to know if there is a next page); owners and read
 * state are joined to those rows only.
 */
export async function listMissions(db: Db, viewer: Actor, query: MissionListQuery): Promise<MissionPage> {
  const conditions: SQL[] = [];
  if (query.filter === "created") conditions.push(eq(missions.ownerId, viewer.id));
  if (query.filter === "mine") conditions.push(eq(missions.takerId, viewer.id));
  if (query.filter === "available") conditions.push(eq(missions.status, "open"), ne(missions.ownerId, viewer.id), inAudienceOf(viewer));
  if (query.status) conditions.push(eq(missions.status, query.status));
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    conditions.push(or(sql`${missions.description} ilike ${pattern}`, sql`${missions.reward} ilike ${pattern}`)!);
  }
  const byDue = query.sort === "due";
  const page = db
    .select({
      id: missions.id,
      headline: missions.headline,
      reward: missions.reward,
      status: missions.status,
      dueAt: missions.dueAt,
      commentCount: missions.commentCount,
      lastActivityAt: missions.lastActivityAt,
      ownerId: missions.ownerId,
    })
    .from(missions)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(...(byDue ? [sql`${missions.dueAt} asc nulls last`, desc(missions.id)] : [desc(missions.lastActivityAt), desc(missions.id)]))
    .limit(query.pageSize + 1)
    .offset((query.page - 1) * query.pageSize)
    .as("page");
  const allReadAt = sql`(select ${missionReadMarks.allReadAt} from ${missionReadMarks} where ${missionReadMarks.userId} = ${viewer.id})`;
  const rows = await db
    .select({
      id: page.id,
      headline: page.headline,
      reward: page.reward,
      status: page.status,
      dueAt: page.dueAt,
      commentCount: page.commentCount,
      lastActivityAt: page.lastActivityAt,
      ownerId: page.ownerId,
      ownerName: users.name,
      unread: sql<boolean>`${page.lastActivityAt} > greatest(${missionReads.readAt}, ${allReadAt}, '-infinity'::timestamptz)`,
    })
    .from(page)
    .innerJoin(users, eq(users.id, page.ownerId))
    .leftJoin(missionReads, and(eq(missionReads.missionId, page.id), eq(missionReads.userId, viewer.id)))
    .orderBy(...(byDue ? [sql`${page.dueAt} asc nulls last`, desc(page.id)] : [desc(page.lastActivityAt), desc(page.id)]));
  const now = new Date();
  return {
    rows: rows.slice(0, query.pageSize).map(({ ownerId, ownerName, ...row }) => ({
      ...row,
      overdue: overdue(row.dueAt, row.status, now),
      owner: { id: ownerId, name: ownerName ?? "" },
    })),
    page: query.page,
    pageSize: query.pageSize,
    hasMore: rows.length > query.pageSize,
  };
}

export type AttachmentInfo = { id: string; filename: string; size: number; contentType: string };

export type MissionDetail = {
  id: number;
  headline: string;
  description: string;
  reward: string;
  status: MissionStatus;
  dueAt: Date | null;
  overdue: boolean;
  createdAt: Date;
  lastActivityAt: Date;
  owner: { id: string; name: string; departmentName: string | null };
  taker: { id: string; name: string } | null;
  audience: "everyone" | { id: number; name: string }[];
  parent: { id: number; headline: string } | null;
  subMissions: { id: number; headline: string; status: MissionStatus }[];
  attachments: AttachmentInfo[];
  history: { id: number; actorName: string; fromStatus: MissionStatus | null; toStatus: MissionStatus; note: string | null; at: Date }[];
  comments: { id: number; authorId: string; authorName: string; body: string; createdAt: Date; editedAt: Date | null; attachments: AttachmentInfo[]; mine: boolean }[];
  /** What this viewer may do now: exactly the buttons to show. */
  actions: MissionAction[];
  canEdit: boolean;
  /** The owner or taker may ask for help with a sub-mission. */
  canAskForHelp: boolean;
};

export async function getMission(db: Db, viewer: Actor, missionId: number): Promise<MissionDetail> {
  const owner = alias(users, "owner");
  const taker = alias(users, "taker");
  const parent = alias(missions, "parent");
  const [row] = await db
    .select({
      id: missions.id,
      headline: missions.headline,
      description: missions.description,
      reward: missions.reward,
      status: missions.status,
      dueAt: missions.dueAt,
      createdAt: missions.createdAt,
      lastActivityAt: missions.lastActivityAt,
      ownerId: missions.ownerId,
      takerId: missions.takerId,
      parentId: missions.parentId,
      audienceEveryone: missions.audienceEveryone,
      ownerName: owner.name,
      ownerDepartmentId: owner.departmentId,
      ownerDepartmentName: departments.name,
      takerName: taker.name,
      parentHeadline: parent.headline,
    })
    .from(missions)
    .innerJoin(owner, eq(owner.id, missions.ownerId))
    .leftJoin(departments, eq(departments.id, owner.departmentId))
    .leftJoin(taker, eq(taker.id, missions.takerId))
    .leftJoin(parent, eq(parent.id, missions.parentId))
    .where(eq(missions.id, missionId));
  if (!row) throw new NotFoundError("No such mission.");
  const m = row;

  const [audience, subMissions, files, history, thread] = await Promise.all([
    m.audienceEveryone
      ? Promise.resolve([])
      : db
          .select({ id: departments.id, name: departments.name })
          .from(missionAudience)
          .innerJoin(departments, eq(departments.id, missionAudience.departmentId))
          .where(eq(missionAudience.missionId, missionId))
          .orderBy(asc(departments.name)),
    db
      .select({ id: missions.id, headline: missions.headline, status: missions.status })
      .from(missions)
      .where(eq(missions.parentId, missionId))
      .orderBy(asc(missions.id)),
    db
      .select({ id: attachments.id, filename: attachments.filename, size: attachments.size, contentType: attachments.contentType, commentId: attachments.commentId })
      .from(attachments)
      .where(eq(attachments.missionId, missionId))
      .orderBy(asc(attachments.createdAt)),
    db
      .select({
        id: missionTransitions.id,
        actorName: users.name,
        fromStatus: missionTransitions.fromStatus,
        toStatus: missionTransitions.toStatus,
        note: missionTransitions.note,
        at: missionTransitions.createdAt,
      })
      .from(missionTransitions)
      .innerJoin(users, eq(users.id, missionTransitions.actorId))
      .where(eq(missionTransitions.missionId, missionId))
      .orderBy(asc(missionTransitions.id)),
    db
      .select({ id: comments.id, authorId: comments.authorId, authorName: users.name, body: comments.body, createdAt: comments.createdAt, editedAt: comments.editedAt })
      .from(comments)
      .innerJoin(users, eq(users.id, comments.authorId))
      .where(eq(comments.missionId, missionId))
      .orderBy(asc(comments.id)),
  ]);

  const facts = {
    status: m.status,
    ownerId: m.ownerId,
    ownerDepartmentId: row.ownerDepartmentId,
    takerId: m.takerId,
    audienceEveryone: m.audienceEveryone,
    audienceDepartmentIds: audience.map((d) => d.id),
  };
  const fileInfo = ({ id, filename, size, contentType }: (typeof files)[number]): AttachmentInfo => ({ id, filename, size, contentType });
  return {
    id: m.id,
    headline: m.headline,
    description: m.description,
    reward: m.reward,
    status: m.status,
    dueAt: m.dueAt,
    overdue: overdue(m.dueAt, m.status),
    createdAt: m.createdAt,
    lastActivityAt: m.lastActivityAt,
    owner: { id: m.ownerId, name: row.ownerName ?? "", departmentName: row.ownerDepartmentName },
    taker: m.takerId ? { id: m.takerId, name: row.takerName ?? "" } : null,
    audience: m.audienceEveryone ? "everyone" : audience,
    parent: m.parentId ? { id: m.parentId, headline: row.parentHeadline ?? "" } : null,
    subMissions,
    attachments: files.filter((f) => f.commentId === null).map(fileInfo),
    history: history.map((h) => ({ ...h, actorName: h.actorName ?? "" })),
    comments: thread.map((c) => ({
      ...c,
      authorName: c.authorName ?? "",
      attachments: files.filter((f) => f.commentId === c.id).map(fileInfo),
      mine: c.authorId === viewer.id,
    })),
    actions: availableActions(viewer, facts),
    canEdit: mayEdit(viewer, facts),
    canAskForHelp: viewer.id === m.ownerId || viewer.id === m.takerId,
  };
}

export async function listDepartments(db: Db): Promise<{ id: number; name: string }[]> {
  return db.select({ id: departments.id, name: departments.name }).from(departments).orderBy(asc(departments.name));
}

/** Missions the viewer may hang a sub-mission on: ones they own or have taken, not finished. */
export async function listPossibleParents(db: Db, viewer: Actor): Promise<{ id: number; headline: string }[]> {
  return db
    .select({ id: missions.id, headline: missions.headline })
    .from(missions)
    .where(and(or(eq(missions.ownerId, viewer.id), eq(missions.takerId, viewer.id)), ne(missions.status, "accepted"), ne(missions.status, "cancelled")))
    .orderBy(desc(missions.lastActivityAt))
    .limit(100);
}

