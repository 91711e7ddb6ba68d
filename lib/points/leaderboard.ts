import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/sql-helpers";

export const LEADERBOARD_PERIODS = ["week", "month", "all"] as const;
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];

export type LeaderboardRow = { rank: number; userId: string; name: string; department: string | null; points: number };

/**
 * Points from the ledger for this week, this month (company time zone, weeks start Monday) or all
 * time, ranked with ties sharing a place. People who hide themselves are left out.
 */
export async function leaderboard(
  db: Db,
  period: LeaderboardPeriod,
  { timeZone, limit = 10, asOf = new Date() }: { timeZone: string; limit?: number; asOf?: Date },
): Promise<LeaderboardRow[]> {
  // All time reads the running totals; a week or a month sums the ledger over its range (index-only).
  const totals =
    period === "all"
      ? sql`select user_id, points from point_totals`
      : sql`select p.user_id, sum(p.points) as points from point_entries p
          where p.occurred_at >= (date_trunc(${period}, ${asOf.toISOString()}::timestamptz at time zone ${timeZone}) at time zone ${timeZone})
          group by p.user_id`;
  const result = await db.execute(sql`
    select rank() over (order by t.points desc)::int as rank, u.id as user_id, coalesce(u.name, u.email) as name, d.name as department, t.points::int as points
    from (${totals}) t
    join users u on u.id = t.user_id and u.active and not u.hide_from_leaderboards
    left join departments d on d.id = u.department_id
    where t.points > 0
    order by t.points desc, name
    limit ${limit}`);
  return rowsOf(result).map((r) => ({ rank: Number(r.rank), userId: String(r.user_id), name: String(r.name), department: (r.department as string) ?? null, points: Number(r.points) }));
}

export async function pointsOf(db: Db, userId: string): Promise<number> {
  const result = await db.execute(sql`select coalesce(sum(points), 0)::int as points from point_totals where user_id = ${userId}`);
  return Number(rowsOf(result)[0]?.points ?? 0);
}
