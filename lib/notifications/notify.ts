import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { Bound } from "@/db/sql-helpers";
import type { NotificationKind } from "@/db/schema";

/** One Postgres channel carries every live signal; payloads are small (ids only): NOTIFY caps them at 8 kB. */
export const LIVE_CHANNEL = "missions_live";

export type LiveSignal = { type: "notifications"; ids: number[] } | { type: "mission"; id: number };

/** Sent with NOTIFY inside the caller's transaction, so listeners hear of it only once it has committed. */
export async function signal(tx: Db, payload: LiveSignal): Promise<void> {
  await tx.execute(sql`select ${signalSql(JSON.stringify(payload))}`);
}

/** The NOTIFY as an expression, for a statement that does more (its payload: JSON.stringify of a LiveSignal). */
export function signalSql(payload: Bound<string>): SQL {
  return sql`pg_notify(${LIVE_CHANNEL}, ${payload})`;
}

/** A NOTIFY of the notifications a CTE inserted (its `id`s), as an expression; none when it inserted none. */
export function notificationsSignalSql(insertedCte: SQL): SQL {
  return sql`(select pg_notify(${LIVE_CHANNEL}, json_build_object('type', 'notifications', 'ids', json_agg(id))::text) from ${insertedCte} having count(*) > 0)`;
}

export type NewNotification = {
  kind: NotificationKind;
  actorId: string | null;
  missionId: number | null;
  message: string;
};

/**
 * A notification to each of `recipients` (a text[] expression over each row of `from`: a CTE whose
 * rows are the changes it reports; nulls are skipped) as a statement, never to the person whose
 * action it was; returns their ids, for notificationsSignalSql.
 */
export function insertNotificationsSql(
  from: SQL,
  recipients: SQL,
  notification: Pick<NewNotification, "kind"> & { actorId: Bound<string>; missionId: Bound<number>; message: SQL },
): SQL {
  return sql`insert into notifications (user_id, kind, actor_id, mission_id, message)
    select recipient, ${notification.kind}::text, ${notification.actorId}, ${notification.missionId}::int, ${notification.message}
    from ${from}, unnest(${recipients}::text[]) as recipient
    where recipient <> ${notification.actorId}
    returning id`;
}

/** Each recipient once, never the person whose action it was. */
export function recipientsOf(recipientIds: Iterable<string | null>, actorId: string | null): string[] {
  return [...new Set(recipientIds)].filter((id): id is string => !!id && id !== actorId);
}

/** Notifies each recipient once, never the person whose action it was. */
export async function notify(tx: Db, recipientIds: Iterable<string | null>, notification: NewNotification): Promise<void> {
  const recipients = recipientsOf(recipientIds, notification.actorId);
  await notifyEach(
    tx,
    recipients.map((userId) => ({ userId, message: notification.message })),
    notification,
  );
}

/** NOTIFY carries at most 8 kB: ids are signalled this many at a time. */
const SIGNALLED_AT_ONCE = 500;

/**
 * A notification with its own message to each person (never about their own action), in one
 * statement however many there are, signalled SIGNALLED_AT_ONCE ids at a time.
 */
export async function notifyEach(tx: Db, entries: { userId: string; message: string }[], notification: Omit<NewNotification, "message">): Promise<void> {
  const rows = entries.filter((e) => e.userId !== notification.actorId).map((e) => ({ user_id: e.userId, message: e.message }));
  if (rows.length === 0) return;
  await tx.execute(sql`
    with told as (
      insert into notifications (user_id, kind, actor_id, mission_id, message)
      select t.user_id, ${notification.kind}::text, ${notification.actorId}::text, ${notification.missionId}::int, t.message
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as t(user_id text, message text)
      returning id
    )
    select pg_notify(${LIVE_CHANNEL}, json_build_object('type', 'notifications', 'ids', json_agg(id order by id))::text)
    from (select id, (row_number() over (order by id) - 1) / ${SIGNALLED_AT_ONCE} as chunk from told) numbered
    group by chunk`);
}
