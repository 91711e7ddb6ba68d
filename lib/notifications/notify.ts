import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notifications, type NotificationKind } from "@/db/schema";

/** One Postgres channel carries every live signal; payloads are small (ids only): NOTIFY caps them at 8 kB. */
export const LIVE_CHANNEL = "missions_live";

export type LiveSignal = { type: "notifications"; ids: number[] } | { type: "mission"; id: number };

/** Sent with NOTIFY inside the caller's transaction, so listeners hear of it only once it has committed. */
export async function signal(tx: Db, payload: LiveSignal): Promise<void> {
  await tx.execute(sql`select ${signalSql(payload)}`);
}

/** The NOTIFY as an expression, for a statement that does more. */
export function signalSql(payload: LiveSignal): SQL {
  return sql`pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(payload)})`;
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
  notification: Pick<NewNotification, "kind"> & { actorId: string; missionId: number; message: SQL },
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
  // 500 at a time: a statement's parameters are limited (65,535), and so is a NOTIFY's payload.
  for (let i = 0; i < recipients.length; i += 500) {
    const rows = await tx
      .insert(notifications)
      .values(recipients.slice(i, i + 500).map((userId) => ({ userId, ...notification })))
      .returning({ id: notifications.id });
    await signal(tx, { type: "notifications", ids: rows.map((r) => r.id) });
  }
}
