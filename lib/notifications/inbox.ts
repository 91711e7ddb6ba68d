import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notifications, users } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";

export type InboxEntry = {
  id: number;
  kind: string;
  message: string;
  missionId: number | null;
  actorName: string | null;
  createdAt: Date;
  read: boolean;
};

const entryColumns = {
  id: notifications.id,
  kind: notifications.kind,
  message: notifications.message,
  missionId: notifications.missionId,
  actorName: users.name,
  createdAt: notifications.createdAt,
  read: sql<boolean>`${notifications.readAt} is not null`,
};

export async function listInbox(db: Db, userId: string, { page = 1, pageSize = 30 } = {}): Promise<{ entries: InboxEntry[]; total: number }> {
  const [entries, [{ total }]] = await Promise.all([
    db
      .select(entryColumns)
      .from(notifications)
      .leftJoin(users, eq(users.id, notifications.actorId))
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(notifications).where(eq(notifications.userId, userId)),
  ]);
  return { entries, total };
}

/** For the live channel: the given notifications that belong to the given users. */
export async function findNotificationsFor(db: Db, ids: number[], userIds: string[]): Promise<(InboxEntry & { userId: string })[]> {
  if (ids.length === 0 || userIds.length === 0) return [];
  return db
    .select({ ...entryColumns, userId: notifications.userId })
    .from(notifications)
    .leftJoin(users, eq(users.id, notifications.actorId))
    .where(and(inArray(notifications.id, ids), inArray(notifications.userId, userIds)));
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return n;
}

/** Only one's own notifications; anyone else's is reported as not there at all. */
export async function markNotificationRead(db: Db, userId: string, notificationId: number): Promise<void> {
  const updated = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  if (updated.length === 0) throw new NotFoundError("No such notification.");
}

export async function markInboxRead(db: Db, userId: string): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}
