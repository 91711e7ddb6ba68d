import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/sql-helpers";
import { notify } from "@/lib/notifications/notify";
import { quoted } from "./facts";

const REMINDERS_LOCK = 7_230_004;

/**
 * Due-date reminders, in-app and (through the outbox) by email: the taker a day before the due
 * time, the owner once it is overdue. Each is sent once per due date: the mission remembers the due
 * date it reminded about. One instance at a time (advisory lock); a rerun sends nothing new.
 */
export async function sendDueReminders(db: Db, asOf = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const [lock] = rowsOf(await tx.execute(sql`select pg_try_advisory_xact_lock(${REMINDERS_LOCK}) as locked`));
    if (!lock.locked) return 0;
    const now = sql`${asOf.toISOString()}::timestamptz`;
    const dueSoon = rowsOf(
      await tx.execute(sql`
        update missions set taker_reminded_for = due_at
        where status in ('in_progress', 'rejected') and taker_id is not null and due_at > ${now} and due_at <= ${now} + interval '1 day'
          and taker_reminded_for is distinct from due_at
        returning id, headline, taker_id`),
    );
    for (const m of dueSoon) {
      await notify(tx, [String(m.taker_id)], { kind: "reminder", actorId: null, missionId: Number(m.id), message: `⏰ ${quoted(String(m.headline))} is due within a day.` });
    }
    const overdue = rowsOf(
      await tx.execute(sql`
        update missions set overdue_reminded_for = due_at
        where status in ('open', 'in_progress', 'rejected') and due_at <= ${now}
          and overdue_reminded_for is distinct from due_at
        returning id, headline, owner_id`),
    );
    for (const m of overdue) {
      await notify(tx, [String(m.owner_id)], { kind: "reminder", actorId: null, missionId: Number(m.id), message: `⚠️ ${quoted(String(m.headline))} is overdue.` });
    }
    return dueSoon.length + overdue.length;
  });
}
