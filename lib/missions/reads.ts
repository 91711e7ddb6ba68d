import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { Bound } from "@/db/sql-helpers";
import { missionReadMarks, notifications } from "@/db/schema";
import { now } from "./facts";

/**
 * A mission is unread (bold) for someone while its last activity is newer than both their own read
 * of it and their last "Mark all as read". The actor's own activity counts as read.
 */
export async function markMissionRead(tx: Db, userId: string, missionId: number): Promise<void> {
  await tx.execute(markReadSql(userId, missionId));
}

/** The read mark as a statement, written once per row of `onlyIf` when given (for a CTE). */
export function markReadSql(userId: Bound<string>, missionId: Bound<number>, onlyIf?: SQL): SQL {
  return sql`insert into mission_reads (user_id, mission_id, read_at)
    select ${userId}, ${missionId}::int, now() ${onlyIf ? sql`from ${onlyIf}` : sql``}
    on conflict (user_id, mission_id) do update set read_at = excluded.read_at`;
}

/** Opening a mission reads it, and the inbox entries about it; returns how many entries that read. */
export async function openMission(db: Db, userId: string, missionId: number): Promise<number> {
  return db.transaction(async (tx) => {
    await markMissionRead(tx, userId, missionId);
    const read = await tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.userId, userId), eq(notifications.missionId, missionId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return read.length;
  });
}

export async function markAllMissionsRead(db: Db, userId: string): Promise<void> {
  await db
    .insert(missionReadMarks)
    .values({ userId, allReadAt: now })
    .onConflictDoUpdate({ target: missionReadMarks.userId, set: { allReadAt: now } });
}
