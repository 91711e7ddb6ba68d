import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { payHistory } from "@/lib/points/ledger";

export type Size = { users: number; departments: number; missions: number; events: number };

/** The company of issue 6 on PostgreSQL; a tenth of it on PGlite. */
export const SIZES: Record<"full" | "small", Size> = {
  full: { users: 1_000, departments: 10, missions: 100_000, events: 1_000_000 },
  small: { users: 200, departments: 10, missions: 10_000, events: 100_000 },
};

/**
 * Fills an empty, migrated database with a company at scale, in set-based SQL: users across
 * departments, missions in every state with audiences, history, comments, reads and notifications,
 * and a year of activity (mostly resolved cases, skewed so some people are much busier) with the
 * points it paid. Deterministic (setseed), so runs are comparable.
 */
export async function generateCompany(db: Db, size: Size, log: (line: string) => void): Promise<void> {
  const step = async (label: string, query: ReturnType<typeof sql>) => {
    const started = performance.now();
    await db.execute(query);
    log(`  ${label}: ${Math.round(performance.now() - started)} ms`);
  };
  await db.execute(sql`select setseed(0.42)`);
  await step("departments", sql`insert into departments (name) select 'Department ' || g from generate_series(1, ${size.departments}) g`);
  await step(
    "users",
    sql`insert into users (id, email, name, department_id, role)
      select 'u' || g, 'user' || g || '@example.com', 'User ' || g,
        (select min(id) from departments) + (g % ${size.departments}),
        (case when g % 100 = 1 then 'manager' else 'member' end)::role
      from generate_series(1, ${size.users}) g`,
  );
  // Busy people are few: user ids skewed towards 1 (power of a uniform number).
  const person = (seed: ReturnType<typeof sql>) => sql`'u' || (1 + floor(${size.users} * power(${seed}, 1.6)))::int`;
  await step(
    "missions",
    sql`insert into missions (owner_id, taker_id, description, headline, reward, status, audience_everyone, comment_count, due_at, last_activity_at, created_at, updated_at)
      select owner, case when s = 'open' then null when taker = owner then 'u' || (1 + (g % ${size.users})) else taker end,
        'Mission ' || g || E'\nWhat needs doing, in a few lines of detail.', 'Mission ' || g, 'Reward ' || (g % 40), s::mission_status,
        g % 5 <> 0, g % 4, case when g % 3 = 0 then at + interval '14 days' end, at, at, at
      from (
        select g, ${person(sql`random()`)} as owner, ${person(sql`random()`)} as taker,
          (array['open','in_progress','awaiting_acceptance','accepted','rejected','cancelled'])[1 + g % 6] as s,
          now() - random() * interval '365 days' as at
        from generate_series(1, ${size.missions}) g
      ) m`,
  );
  await step(
    "audiences",
    sql`insert into mission_audience (mission_id, department_id)
      select id, (select min(id) from departments) + (id % ${size.departments}) from missions where not audience_everyone`,
  );
  await step(
    "history",
    sql`insert into mission_transitions (mission_id, actor_id, from_status, to_status, created_at)
      select id, owner_id, null::mission_status, 'open'::mission_status, created_at from missions
      union all select id, coalesce(taker_id, owner_id), 'open'::mission_status, status, last_activity_at from missions where status <> 'open'`,
  );
  await step(
    "comments",
    sql`insert into comments (mission_id, author_id, body, created_at)
      select m.id, 'u' || (1 + (m.id * 31 + c) % ${size.users}), 'A comment with a question or an offer of help.', m.created_at + c * interval '1 hour'
      from missions m cross join lateral generate_series(1, m.comment_count) c`,
  );
  await step(
    "reads",
    sql`insert into mission_reads (user_id, mission_id, read_at)
      select 'u' || (1 + (m.id * 7 + r) % ${size.users}), m.id, m.last_activity_at - case when r = 0 then interval '1 hour' else interval '0' end
      from missions m cross join generate_series(0, 1) r where m.id % 2 = 0 on conflict do nothing`,
  );
  await step(
    "notifications",
    sql`insert into notifications (user_id, kind, actor_id, mission_id, message, created_at, read_at, emailed_at)
      select m.owner_id, 'comment', c.author_id, m.id, 'Someone commented on “' || m.headline || '”.', c.created_at,
        case when c.id % 3 = 0 then null else c.created_at end, c.created_at
      from comments c join missions m on m.id = c.mission_id`,
  );
  await step(
    "activity events",
    sql`insert into activity_events (type, actor_id, occurred_at, attributes, source, external_id)
      select case when g % 10 < 8 then 'case.resolved' when g % 10 = 8 then 'comment.posted' else 'mission.created' end,
        ${person(sql`random()`)}, now() - random() * interval '365 days',
        jsonb_build_object('channel', (array['email','phone','chat','social'])[1 + g % 4], 'satisfaction', case when g % 3 = 0 then 'bad' else 'good' end),
        'bench', 'e' || g
      from generate_series(1, ${size.events}) g`,
  );
  const started = performance.now();
  await payHistory(db, ["case.resolved", "comment.posted", "mission.created"]);
  log(`  points ledger: ${Math.round(performance.now() - started)} ms`);
  // As autovacuum would on a live system: statistics, and the visibility map index-only scans need.
  await step("vacuum analyze", sql`vacuum analyze`);
}
