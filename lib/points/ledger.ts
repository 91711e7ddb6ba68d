import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";

/**
 * Pays points for the given activity events, per the company's point rules, into the append-only
 * ledger. Set-based, so one statement pays for a whole imported batch; idempotent per event.
 */
export async function payPoints(tx: Db, eventIds: number[]): Promise<void> {
  if (eventIds.length === 0) return;
  await payWhere(tx, sql`e.id in ${eventIds}`);
}

/** Pays the whole history of these activity types: for point rules added to a database with history. */
export async function payHistory(tx: Db, eventTypes: string[]): Promise<void> {
  if (eventTypes.length === 0) return;
  await payWhere(tx, sql`e.type in ${eventTypes}`);
}

/**
 * Two CTEs (`paid`, `paid_totals`) paying the events in `events` (rows with id, type, actor_id,
 * attributes, occurred_at): the ledger rows, and the all-time totals they add to (in user order,
 * so concurrent payments lock totals in the same order and cannot deadlock).
 */
function payPointsCtes(events: SQL): SQL {
  return sql`paid as (
    insert into point_entries (user_id, event_id, points, occurred_at)
    select paid.user_id, e.id, r.points, e.occurred_at
    from ${events} e
    join point_rules r on r.event_type = e.type and r.points <> 0
    cross join lateral (select case r.subject when 'taker' then e.attributes->>'takerId' when 'owner' then e.attributes->>'ownerId' else e.actor_id end as user_id) paid
    where paid.user_id is not null and exists (select 1 from users u where u.id = paid.user_id)
    on conflict (event_id, user_id) do nothing
    returning user_id, points
  ),
  paid_totals as (
    insert into point_totals (user_id, points)
    select user_id, sum(points) from paid group by user_id order by user_id
    on conflict (user_id) do update set points = point_totals.points + excluded.points
  )`;
}

async function payWhere(tx: Db, condition: SQL): Promise<void> {
  await tx.execute(sql`with ${payPointsCtes(sql`(select * from activity_events e where ${condition})`)} select 1`);
}
