import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { Bound } from "@/db/sql-helpers";
import { grantForActivity } from "@/lib/achievements/grants";
import { payPoints } from "@/lib/points/ledger";

export type AppActivityType =
  | "mission.created"
  | "mission.started"
  | "mission.completed"
  | "mission.accepted"
  | "mission.rejected"
  | "mission.withdrawn"
  | "mission.cancelled"
  | "comment.posted";

/** Everyone an event can count for: its actor, and the mission's taker and owner when it names them. */
export function peopleIn(event: { actorId: string; attributes: Record<string, unknown> }): string[] {
  const ids = [event.actorId, event.attributes.takerId, event.attributes.ownerId].filter((id): id is string => typeof id === "string");
  return [...new Set(ids)];
}

/**
 * After events are stored: pay their points and grant what they earned. Imported events in the
 * transaction that stores them; in-app events in the achievement worker's, right after (queue.ts).
 */
export async function afterActivity(tx: Db, events: StoredEvent[]): Promise<void> {
  if (events.length === 0) return;
  await payPoints(
    tx,
    events.map((e) => e.id),
  );
  // What these events earned the people they concern (their actors, takers and owners).
  const since = new Date(Math.min(...events.map((e) => e.occurredAt.getTime())));
  await grantForActivity(tx, [...new Set(events.flatMap(peopleIn))], [...new Set(events.map((e) => e.type))], since);
}

type StoredEvent = { id: number; type: string; actorId: string; attributes: Record<string, unknown>; occurredAt: Date };

/** NOTIFY channel telling every instance's achievement worker that in-app activity was queued. */
export const ACTIVITY_CHANNEL = "missions_activity";

/**
 * CTEs recording one in-app event (once per row of `onlyIf`, when given; `attributes` is a jsonb
 * expression, which may read that row) and queueing it: a worker pays its points and grants its
 * achievements in a following transaction right after the commit, for a whole batch of events at
 * once (the caller's statement must also select `ACTIVITY_SIGNAL`). Paying in the statement itself
 * cost each mission transition about a fifth of its database time (ledger row, running total).
 */
export function recordActivityCtes(type: AppActivityType, actorId: Bound<string>, attributes: SQL, onlyIf?: SQL): SQL {
  return sql`event as (
    insert into activity_events (type, actor_id, attributes, occurred_at, source)
    select ${type}, ${actorId}, ${attributes}, now(), 'app' ${onlyIf ? sql`from ${onlyIf}` : sql``}
    returning id
  ),
  queued as (insert into achievement_queue (event_id) select id from event)`;
}

export const ACTIVITY_SIGNAL = sql`pg_notify(${ACTIVITY_CHANNEL}, '')`;

/** Records what someone did in the app, in the same transaction as the doing: one statement. */
export async function recordActivity(tx: Db, type: AppActivityType, actorId: string, attributes: Record<string, unknown>): Promise<void> {
  await tx.execute(sql`with ${recordActivityCtes(type, actorId, sql`${JSON.stringify(attributes)}::jsonb`)} select ${ACTIVITY_SIGNAL}`);
}
