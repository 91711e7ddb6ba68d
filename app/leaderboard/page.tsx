import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { companyTimeZone } from "@/lib/settings/company";
import { requireUser } from "@/lib/auth/session";
import { leaderboard, LEADERBOARD_PERIODS, type LeaderboardPeriod } from "@/lib/points/leaderboard";
import { link } from "../_components/ui";

export const metadata: Metadata = { title: "Leaderboard" };

const LABELS: Record<LeaderboardPeriod, string> = { week: "This week", month: "This month", all: "All time" };

export default async function LeaderboardPage({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  const user = await requireUser();
  const wanted = (await searchParams).period;
  const period: LeaderboardPeriod = LEADERBOARD_PERIODS.includes(wanted as LeaderboardPeriod) ? (wanted as LeaderboardPeriod) : "week";
  const db = await getDb();
  const timeZone = await companyTimeZone(db);
  const rows = await leaderboard(db, period, { timeZone, limit: 25 });
  return (
    <section className="space-y-5">
      <h1 className="text-2xl font-semibold">Leaderboard</h1>
      <nav aria-label="Period" className="flex gap-1 border-b border-slate-200 dark:border-slate-800">
        {LEADERBOARD_PERIODS.map((p) => (
          <Link
            key={p}
            href={`/leaderboard?period=${p}`}
            aria-current={p === period ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${p === period ? "border-indigo-600 text-indigo-700 dark:text-indigo-300" : "border-transparent text-slate-600 dark:text-slate-400"}`}
          >
            {LABELS[p]}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p className="text-slate-500">No points yet in this period.</p>
      ) : (
        <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {rows.map((r) => (
            <li key={r.userId} data-testid="leaderboard-row" className={`flex items-center gap-4 px-4 py-2 ${r.userId === user.id ? "bg-indigo-50 dark:bg-indigo-950" : ""}`}>
              <span className="w-8 text-right font-semibold tabular-nums">{r.rank}</span>
              <Link href={`/people/${r.userId}`} className={`flex-1 ${link}`}>
                {r.name}
              </Link>
              <span className="text-sm text-slate-500">{r.department}</span>
              <span className="w-20 text-right tabular-nums">{r.points.toLocaleString("en-US")}</span>
            </li>
          ))}
        </ol>
      )}
      <p className="text-xs text-slate-500">
        Weeks start on Monday ({timeZone}). You can hide yourself from leaderboards in{" "}
        <Link href="/settings" className={link}>
          Settings
        </Link>
        .
      </p>
    </section>
  );
}
