import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/sql-helpers";
import type { Rule } from "./rules";
import { earnedQuery, localPeriodStart, matchingEvents, tallyGroupQuery, type Member, type Scope } from "./rule-sql";

/**
 * Grants achievements by running their rules' queries (rule-sql.ts) with INSERT … ON CONFLICT on
 * (user, achievement, period), so nothing is granted twice whatever runs at the same time. Only
 * rows actually inserted are new, and only those notify.
 */

export type { Member, Scope };
export type Grant = { userId: string; periodKey: string };

/**
 * Settings for a transaction that evaluates rules, local to it. No JIT: the estimates of the rules'
 * per-person LATERAL reads are far above what they do, so JIT compiled them for longer than they
 * ran (80 of a backfill query's 200 ms). For everyone's history, room to sort a tally of every
 * person's weeks in memory. For work that is done again whole if it is lost (`redoable`: a
 * backfill's groups), a commit that does not wait for its WAL to reach the disk: a crash can lose
 * only the last such commits, never order or consistency (a later durable commit flushes them
 * too), and the run they belong to is claimed again; waiting for each group's flush was a tenth of
 * a backfill. (Per transaction, not per connection: a pooler such as PgBouncer refuses unknown
 * connection parameters.)
 */
export async function evaluatingRules(tx: Db, { everyone = false, redoable = false } = {}): Promise<void> {
  const settings = [sql`set_config('jit', 'off', true)`];
  if (everyone) settings.push(sql`set_config('work_mem', '64MB', true)`);
  if (redoable) settings.push(sql`set_config('synchronous_commit', 'off', true)`);
  await tx.execute(sql`select ${sql.join(settings, sql`, `)}`);
}

/**
 * Grants what the rule says is earned in this scope; returns only the grants that are new. When
 * older history arrives late, an existing grant's date moves back to when it was really earned
 * (silently: it is not new), so the result does not depend on the order events arrive in.
 */
export async function grantEarned(db: Db, achievementId: number, rule: Rule, scope: Scope): Promise<Grant[]> {
  if (scope.userIds && scope.userIds.length === 0) return [];
  const earned = sql`select ${achievementId}::int as achievement_id, earned.* from (${earnedQuery(rule, scope)}) earned`;
  const granted = await insertGrants(db, earned, { namesPeople: rule.who !== "actor" });
  return granted.map((g) => g.grant);
}

/** Grants a tallyGroups group in one statement over one tally; returns the new grants of each achievement. */
export async function grantTogether(db: Db, members: Member[], scope: Scope): Promise<Map<number, Grant[]>> {
  const granted = new Map<number, Grant[]>(members.map((m) => [m.achievementId, []]));
  for (const { achievementId, grant } of await insertGrants(db, tallyGroupQuery(members, scope), { namesPeople: false })) granted.get(achievementId)!.push(grant);
  return granted;
}

/**
 * Inserts rows of (achievement_id, user_id, period_key, granted_at); returns the ones that are new.
 * `namesPeople`: the rows' people come from event attributes (a mission's taker or owner), which
 * may name no one; an event's actor is always someone (a foreign key), so that check is skipped.
 */
async function insertGrants(db: Db, earned: SQL, { namesPeople }: { namesPeople: boolean }): Promise<{ achievementId: number; grant: Grant }[]> {
  const result = await db.execute(sql`
    insert into user_achievements (user_id, achievement_id, period_key, granted_at)
    select earned.user_id, earned.achievement_id, earned.period_key, earned.granted_at
    from (${earned}) earned
    ${namesPeople ? sql`where exists (select 1 from users u where u.id = earned.user_id)` : sql``}
    on conflict (user_id, achievement_id, period_key) do update set granted_at = excluded.granted_at
      where excluded.granted_at < user_achievements.granted_at
    returning achievement_id, user_id, period_key, (xmax = 0) as inserted`);
  return rowsOf(result)
    .filter((r) => r.inserted === true)
    .map((r) => ({ achievementId: Number(r.achievement_id), grant: { userId: String(r.user_id), periodKey: String(r.period_key) } }));
}

/** How many people the rule would grant now (the admin's preview); grants nothing. */
export async function countWouldEarn(db: Db, rule: Rule, scope: Scope): Promise<number> {
  const result = await db.execute(sql`select count(distinct user_id)::int as n from (${earnedQuery(rule, scope)}) earned
    where exists (select 1 from users u where u.id = earned.user_id)`);
  return Number(rowsOf(result)[0]?.n ?? 0);
}

/** The start of the current period in the company's zone: every period before it has closed. */
export async function currentPeriodStart(db: Db, period: "week" | "month", timeZone: string, asOf = new Date()): Promise<Date> {
  const result = await db.execute(sql`select ${localPeriodStart(period, asOf, timeZone)} as start`);
  return new Date(rowsOf(result)[0].start as string);
}

/**
 * Where someone stands on a rule now: the count, distinct count or sum (this period's, for
 * repeatable ones), or for rank rules their score this period.
 */
export async function currentValue(db: Db, rule: Rule, userId: string, timeZone: string, asOf = new Date()): Promise<number> {
  const events = matchingEvents(rule, { userIds: [userId], timeZone });
  const period = "period" in rule ? rule.period : undefined;
  const thisPeriod = period ? sql`where ev.period_start = date_trunc(${period}, ${asOf.toISOString()}::timestamptz at time zone ${timeZone})` : sql``;
  const value =
    rule.kind === "distinct"
      ? sql`count(distinct ev.attributes->>${rule.attribute})`
      : rule.kind === "sum"
        ? sql`coalesce(sum(case when ev.attributes->>${rule.attribute} ~ '^-?[0-9]+(\\.[0-9]+)?$' then (ev.attributes->>${rule.attribute})::numeric else 0 end), 0)`
        : sql`count(*)`;
  const result = await db.execute(sql`select ${value} as value from (${events}) ev ${thisPeriod}`);
  return Number(rowsOf(result)[0]?.value ?? 0);
}
