import { sql, type SQL } from "drizzle-orm";
import type { Rule } from "./rules";

/**
 * Each rule as one set-based query over activity_events, in the style of Discourse's BadgeGranter:
 * the same query serves a few people right after their events (incremental) or everyone (backfill).
 * The query shapes follow what each kind of rule needs to read; engine.ts runs them.
 */

export type Scope = {
  /** Only these people (incremental); everyone when omitted (backfill). */
  userIds?: string[];
  /** The company's IANA time zone: weekends and periods (weeks start Monday) are local. */
  timeZone: string;
  /** "Now", for deciding which periods have closed. */
  asOf?: Date;
  /** Periodic rules: only the periods from the one containing this instant (earlier ones are settled). */
  periodsFrom?: Date | null;
  /**
   * Incremental: the events from this instant on are the new ones, and what came before has been
   * evaluated already (as it arrived, or by the backfill that switching an achievement on runs).
   * A distinct count then skips people whose new events bring no value they had not met: only a
   * new value can change it. (So a badge missed by a failed backfill waits for the next backfill.)
   */
  newSince?: Date;
};

function subject(rule: Rule): SQL {
  if (rule.who === "taker") return sql`(e.attributes->>'takerId')`;
  if (rule.who === "owner") return sql`(e.attributes->>'ownerId')`;
  return sql`e.actor_id`;
}

const PERIOD_KEY_FORMAT = { week: 'IYYY-"W"IW', month: "YYYY-MM" } as const;

/** What makes an event count for the rule: its type, attribute filters, weekend. */
function ruleConditions(rule: Rule, timeZone: string): SQL[] {
  const conditions: SQL[] = [sql`e.type = ${rule.event}`];
  for (const filter of rule.where) conditions.push(sql`e.attributes->>${filter.attribute} = ${String(filter.equals)}`);
  if (rule.weekend) conditions.push(sql`extract(isodow from e.occurred_at at time zone ${timeZone}) in (6, 7)`);
  return conditions;
}

/** The events a rule looks at, one row each: who it counts for, when, and the local period start. */
export function matchingEvents(rule: Rule, scope: Scope): SQL {
  const who = subject(rule);
  const conditions: SQL[] = [...ruleConditions(rule, scope.timeZone), sql`${who} is not null`, ...inScope(who, scope)];
  const period = "period" in rule ? rule.period : undefined;
  // Whole periods only, from the one containing periodsFrom (a range the index can seek to).
  if (period && scope.periodsFrom) {
    conditions.push(sql`e.occurred_at >= ${localPeriodStart(period, scope.periodsFrom, scope.timeZone)}`);
  }
  const periodStart = period ? sql`date_trunc(${period}, e.occurred_at at time zone ${scope.timeZone})` : sql`null::timestamp`;
  return sql`select ${who} as user_id, e.id, e.occurred_at, e.attributes, ${periodStart} as period_start
    from activity_events e where ${sql.join(conditions, sql` and `)}`;
}

function periodKey(rule: Rule): SQL {
  const period = "period" in rule ? rule.period : undefined;
  return period ? sql`to_char(ev.period_start, ${PERIOD_KEY_FORMAT[period]})` : sql`''`;
}

/** The scope's people as a condition on a column (none for everyone). */
function inScope(person: SQL, scope: Scope): SQL[] {
  if (!scope.userIds) return [];
  return [scope.userIds.length ? sql`${person} in ${scope.userIds}` : sql`false`];
}

/** About the actor's own events of a type, with no conditions on them: what it reads is all in indexes. */
function countsOwnEvents(rule: Rule): boolean {
  return rule.who === "actor" && rule.where.length === 0 && !rule.weekend;
}

/**
 * One person's matching events (`person`: a column of the outer query) in time order, for a
 * LATERAL read of the n-th: the index that orders a person's events of the type in time serves it
 * ((type, actor_id, …), or the taker and owner expression indexes for rules about a mission's taker
 * or owner), index-only when the rule has no attribute to read.
 */
function personsEvents(rule: Rule, scope: Scope, person: SQL, { columns = sql`e.occurred_at`, more = [] as SQL[] } = {}): SQL {
  return sql`select ${columns} from activity_events e
    where ${sql.join([...ruleConditions(rule, scope.timeZone), sql`${subject(rule)} = ${person}`, ...more], sql` and `)}
    order by e.occurred_at, e.id`;
}

/**
 * A once-only count: each person's N-th matching event in time order, read from the index and
 * stopping there, rather than numbering everyone's whole history in a window (4 to 30 times faster
 * over 800k events).
 */
function nthEventQuery(rule: Extract<Rule, { kind: "count" }>, scope: Scope): SQL {
  const people = inScope(sql`u.id`, scope);
  return sql`select u.id as user_id, '' as period_key, nth.occurred_at as granted_at
    from users u cross join lateral (${personsEvents(rule, scope, sql`u.id`)} offset ${rule.threshold - 1} limit 1) nth
    ${people.length ? sql`where ${people[0]}` : sql``}`;
}

/** Up to this threshold a distinct count walks each person's events (distinctWalk); past it, it groups them by value. */
const WALKED_DISTINCT = 10;

/**
 * A distinct count reached by walking each person's events in time order: their first event with a
 * value, then the first with a value not seen yet, and so on, each step one read from the index; the
 * N-th step is the moment the N-th value first appeared. People meet the few values of a rule like
 * "every channel" early in their history, so this reads a fraction of what grouping all their
 * events by value reads (a fifth, over the benchmark's year of cases); someone who never meets
 * them all is read to the end, as grouping would. Each step compares with the values seen so far,
 * which is why large thresholds group instead.
 */
function distinctWalk(rule: Extract<Rule, { kind: "distinct" }>, scope: Scope): SQL {
  const value = sql`(e.attributes->>${rule.attribute})`;
  const people = inScope(sql`u.id`, scope);
  if (scope.newSince) {
    // Only a value someone had not met before can change their count: helping a department again
    // needs one index read to tell, not a walk through all the missions they ever did.
    const since = sql`${scope.newSince.toISOString()}::timestamptz`;
    const newer = personsEvents(rule, scope, sql`u.id`, { columns: sql`${value} as value`, more: [sql`e.occurred_at >= ${since}`, sql`${value} is not null`] });
    const before = personsEvents(rule, scope, sql`u.id`, { columns: sql`1`, more: [sql`e.occurred_at < ${since}`, sql`${value} = newer.value`] });
    people.push(sql`exists (select 1 from (${newer}) newer where not exists (${before}))`);
  }
  // Each step reads on from the previous step's event: the next new value can only come after it.
  const next = personsEvents(rule, scope, sql`walk.user_id`, {
    columns: sql`e.occurred_at, e.id, ${value} as value`,
    more: [sql`(e.occurred_at, e.id) > (walk.reached_at, walk.last_id)`, sql`${value} is not null`, sql`${value} <> all(walk.seen)`],
  });
  return sql`with recursive walk (user_id, seen, reached_at, last_id) as (
      select u.id, array[]::text[], '-infinity'::timestamptz, 0::bigint from users u ${people.length ? sql`where ${sql.join(people, sql` and `)}` : sql``}
      union all
      select walk.user_id, walk.seen || next.value, next.occurred_at, next.id
      from walk cross join lateral (${next} limit 1) next
      where cardinality(walk.seen) < ${rule.threshold}
    )
    select user_id, '' as period_key, reached_at as granted_at from walk where cardinality(seen) = ${rule.threshold}`;
}

/**
 * The first instant the company's clock reads `local` (a timestamp). Where a clock change repeats
 * that hour (Havana goes back from 01:00 to 00:00), this is its first pass, which is where
 * date_trunc of local times puts the boundary; it holds for shifts of up to an hour, which is
 * every zone but Antarctica/Troll's.
 */
function firstInstant(local: SQL, timeZone: string): SQL {
  return sql`least((${local}) at time zone ${timeZone}, ((${local}) - interval '1 hour') at time zone ${timeZone} + interval '1 hour')`;
}

/** The instant the company's week or month containing `at` began (see firstInstant). */
export function localPeriodStart(period: "week" | "month", at: Date, timeZone: string): SQL {
  return firstInstant(sql`date_trunc(${period}, ${at.toISOString()}::timestamptz at time zone ${timeZone})`, timeZone);
}

/**
 * Each person's tally of a type's events per local period, period by period: the company's weeks
 * or months as ranges of instants (so a DST change moves a boundary exactly), from the period of
 * scope.periodsFrom (else of the type's first event), hopping from each period that has events to
 * the next one that has (one index read each, so an event dated in the year 9999 costs one hop, not
 * 400,000 empty weeks), and before `until` when given. Each period is one range of the
 * (type, occurred_at, actor_id) index, read index-only into a small hash of that period's people.
 * Bucketing every event by a time-zone expression and grouping a year of them at once costs three
 * times as much (a hash of 50k groups, and a zone conversion per event). `tally` shapes each
 * period's `counted` (user_id, n) rows; the result has its columns and period_start (local),
 * starts and ends (instants).
 */
function periodTallies(event: string, period: "week" | "month", scope: Scope, tally: (counted: SQL) => SQL, until?: SQL): SQL {
  const zone = scope.timeZone;
  const step = sql`${`1 ${period}`}::interval`;
  const from = scope.periodsFrom ? localPeriodStart(period, scope.periodsFrom, zone) : sql`'-infinity'::timestamptz`;
  const firstPeriodFrom = (instant: SQL) => sql`select date_trunc(${period}, occurred_at at time zone ${zone}) as local_start
    from activity_events where type = ${event} and occurred_at >= ${instant} order by occurred_at limit 1`;
  const bounds = sql`local_start, ${firstInstant(sql`local_start`, zone)}, ${firstInstant(sql`local_start + ${step}`, zone)}`;
  // n as int: its running sum (tallyGroupQuery) is then a bigint, not a numeric, which made the
  // backfill's shared tally about a tenth slower to sum and compare.
  const counted = sql`select e.actor_id as user_id, count(*)::int as n from activity_events e
    where ${sql.join([sql`e.type = ${event}`, sql`e.occurred_at >= p.starts`, sql`e.occurred_at < p.ends`, ...inScope(sql`e.actor_id`, scope)], sql` and `)}
    group by e.actor_id`;
  return sql`with recursive periods (period_start, starts, ends) as (
      select ${bounds} from (${firstPeriodFrom(from)}) first
      union all
      select ${bounds} from periods cross join lateral (${firstPeriodFrom(sql`periods.ends`)}) next
    )
    select p.period_start, p.starts, p.ends, t.* from periods p cross join lateral (${tally(counted)}) t
    ${until ? sql`where p.starts < ${until}` : sql``}`;
}

/** The n-th (skip + 1) of a person's events of a type in a range, from the (type, actor_id, time) index. */
function nthInRange(event: string, person: SQL, starts: SQL, ends: SQL, skip: SQL): SQL {
  return sql`select e.occurred_at from activity_events e
    where e.type = ${event} and e.actor_id = ${person} and e.occurred_at >= ${starts} and e.occurred_at < ${ends}
    order by e.occurred_at, e.id offset ${skip} limit 1`;
}

/** A count per period of the actor's own events: the periods someone reached N in, and their N-th event there. */
function periodCountQuery(rule: Extract<Rule, { kind: "count" }>, period: "week" | "month", scope: Scope): SQL {
  const tallies = periodTallies(rule.event, period, scope, (counted) => sql`${counted} having count(*) >= ${rule.threshold}`);
  return sql`select t.user_id, to_char(t.period_start, ${PERIOD_KEY_FORMAT[period]}) as period_key, nth.occurred_at as granted_at
    from (${tallies}) t cross join lateral (${nthInRange(rule.event, sql`t.user_id`, sql`t.starts`, sql`t.ends`, sql`${rule.threshold - 1}`)}) nth`;
}

/**
 * A period's tally with the place of everyone who can be in its top `top` (ties share a place, as
 * with rank()), for rank rules; the others get none. The `top` largest counts come from a bounded
 * sort (a heap of `top` entries), and whoever has at least the last of them is placed 1 + the
 * number of them above theirs. Ranking everyone sorted each period's whole tally, which cost the
 * backfill's shared case tally about a tenth of its time.
 */
function ranked(top: number): (counted: SQL) => SQL {
  return (counted) => sql`with c as materialized (${counted})
    select c.user_id, c.n,
      case when c.n >= coalesce(leaders.counts[${top}::int], 0) then 1 + (select count(*) from unnest(leaders.counts) above where above > c.n) end as place
    from c cross join (select array_agg(n order by n desc) as counts from (select n from c order by n desc limit ${top}::int) t) leaders`;
}

/** A rank per closed period of the actor's own events, ranked within each period. */
function periodRankQuery(rule: Extract<Rule, { kind: "rank" }>, scope: Scope): SQL {
  return sql`select user_id, to_char(period_start, ${PERIOD_KEY_FORMAT[rule.period]}) as period_key, ends as granted_at
    from (${periodTallies(rule.event, rule.period, scope, ranked(rule.top), closedBefore(rule.period, scope))}) t
    where place <= ${rule.top}`;
}

export type Member = { achievementId: number; rule: Rule };

/** Rules counted from a type's weekly tallies: weekly counts and ranks of the actor's own events. */
function tallyKey(rule: Rule): string | null {
  return countsOwnEvents(rule) && (rule.kind === "count" || rule.kind === "rank") && rule.period === "week" ? rule.event : null;
}

/** Once-only counts up to this threshold read each person's N-th event themselves (nthEventQuery). */
const READ_DIRECTLY_UP_TO = 10;

/**
 * How a backfill groups achievements: rules that tally weeks of one type's events share one tally,
 * and so do that type's once-only counts of more than READ_DIRECTLY_UP_TO (Support Bronze … Master
 * find the week their N-th event fell in from it, then read only that week). Everything else is a
 * group of its own, First Case included: its first few events per person cost no more to read
 * alone, and alone it runs beside the tally, which is a backfill's longest group, not after it.
 */
export function tallyGroups(members: Member[]): Member[][] {
  const weekly = new Set(members.map((m) => tallyKey(m.rule)).filter((key) => key !== null));
  const groups = new Map<string, Member[]>();
  const alone: Member[][] = [];
  for (const member of members) {
    const { rule } = member;
    const rides = rule.kind === "count" && !rule.period && countsOwnEvents(rule) && weekly.has(rule.event) && rule.threshold > READ_DIRECTLY_UP_TO;
    const key = tallyKey(rule) ?? (rides ? rule.event : null);
    if (key === null) alone.push([member]);
    else groups.set(key, [...(groups.get(key) ?? []), member]);
  }
  return [...groups.values(), ...alone];
}

/**
 * Rows of (achievement_id, user_id, period_key, granted_at) for a group from tallyGroups: the type's
 * weekly tallies once, then for each member what it needs of them. A once-only count of N is earned
 * in the week someone's running total first reaches N, at their (N − before)-th event of that week.
 */
export function tallyGroupQuery(members: Member[], scope: Scope): SQL {
  const event = members[0].rule.event;
  const tops = members.flatMap((m) => (m.rule.kind === "rank" ? [m.rule.top] : []));
  const tally = tops.length ? ranked(Math.max(...tops)) : (counted: SQL) => counted;
  const pinpointed: SQL[] = [];
  const direct: SQL[] = [];
  for (const { achievementId, rule } of members) {
    if (rule.kind === "rank") {
      direct.push(sql`select ${achievementId}::int as achievement_id, user_id, to_char(period_start, ${PERIOD_KEY_FORMAT.week}) as period_key, ends as granted_at
        from tallies where place <= ${rule.top} and starts < ${closedBefore("week", scope)}`);
    } else if (rule.kind === "count" && rule.period) {
      pinpointed.push(sql`select ${achievementId}::int as achievement_id, user_id, to_char(period_start, ${PERIOD_KEY_FORMAT.week}) as period_key, starts, ends, ${rule.threshold - 1}::int as skip
        from tallies where n >= ${rule.threshold}`);
    } else if (rule.kind === "count") {
      pinpointed.push(sql`select ${achievementId}::int as achievement_id, user_id, '' as period_key, starts, ends, (${rule.threshold} - before - 1)::int as skip
        from running where before < ${rule.threshold} and before + n >= ${rule.threshold}`);
    }
  }
  const found = pinpointed.length
    ? [sql`select x.achievement_id, x.user_id, x.period_key, nth.occurred_at as granted_at
        from (${sql.join(pinpointed, sql` union all `)}) x
        cross join lateral (${nthInRange(event, sql`x.user_id`, sql`x.starts`, sql`x.ends`, sql`x.skip`)}) nth`]
    : [];
  return sql`with tallies as materialized (${periodTallies(event, "week", scope, tally)}),
    running as (select *, sum(n) over (partition by user_id collate "C" order by period_start) - n as before from tallies)
    ${sql.join([...found, ...direct], sql` union all `)}`;
}

/** Rows of (user_id, period_key, granted_at): who has earned it, and the moment they did. */
export function earnedQuery(rule: Rule, scope: Scope): SQL {
  if (rule.kind === "count" && !rule.period) return nthEventQuery(rule, scope);
  if (rule.kind === "count" && rule.period && countsOwnEvents(rule)) return periodCountQuery(rule, rule.period, scope);
  if (rule.kind === "rank" && countsOwnEvents(rule)) return periodRankQuery(rule, scope);
  if (rule.kind === "distinct" && rule.threshold <= WALKED_DISTINCT) return distinctWalk(rule, scope);
  const events = matchingEvents(rule, scope);
  switch (rule.kind) {
    case "count":
      return sql`select user_id, period_key, occurred_at as granted_at from (
          select ev.user_id, ${periodKey(rule)} as period_key, ev.occurred_at,
            row_number() over (partition by ev.user_id, ev.period_start order by ev.occurred_at, ev.id) as n
          from (${events}) ev
        ) counted where n = ${rule.threshold}`;
    case "distinct":
      return sql`select user_id, '' as period_key, first_at as granted_at from (
          select user_id, first_at, row_number() over (partition by user_id order by first_at) as n from (
            select ev.user_id, ev.attributes->>${rule.attribute} as value, min(ev.occurred_at) as first_at
            from (${events}) ev where ev.attributes->>${rule.attribute} is not null group by 1, 2
          ) firsts
        ) counted where n = ${rule.threshold}`;
    case "sum":
      return sql`select user_id, period_key, occurred_at as granted_at from (
          select user_id, period_key, occurred_at, value,
            sum(value) over (partition by user_id, period_key order by occurred_at, id rows between unbounded preceding and current row) as running
          from (
            select ev.user_id, ev.id, ev.occurred_at, ${periodKey(rule)} as period_key,
              case when ev.attributes->>${rule.attribute} ~ '^-?[0-9]+(\\.[0-9]+)?$' then (ev.attributes->>${rule.attribute})::numeric else 0 end as value
            from (${events}) ev
          ) valued
        ) summed where running >= ${rule.threshold} and running - value < ${rule.threshold}`;
    case "rank": {
      return sql`select user_id, to_char(period_start, ${PERIOD_KEY_FORMAT[rule.period]}) as period_key,
          ${firstInstant(sql`period_start + ${`1 ${rule.period}`}::interval`, scope.timeZone)} as granted_at
        from (
          select user_id, period_start, rank() over (partition by period_start order by score desc) as place from (
            select ev.user_id, ev.period_start, count(*) as score from (${events}) ev
            where ev.occurred_at < ${closedBefore(rule.period, scope)}
            group by ev.user_id, ev.period_start
          ) scored
        ) ranked where place <= ${rule.top}`;
    }
  }
}

/** The start of the period containing scope.asOf (else now): rank rules award only the periods before it. */
function closedBefore(period: "week" | "month", scope: Scope): SQL {
  return localPeriodStart(period, scope.asOf ?? new Date(), scope.timeZone);
}

