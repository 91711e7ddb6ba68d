import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { achievementsEnabled } from "@/lib/achievements/grants";
import { achievementsOf } from "@/lib/achievements/progress";
import { requireUser } from "@/lib/auth/session";
import { levelFor } from "@/lib/points/levels";
import { pointsOf } from "@/lib/points/leaderboard";
import { card } from "../_components/ui";
import { formatDateTime, timeZoneOf } from "../_lib/format";
import { EarnedBadges, LevelCard } from "./badges";

export const metadata: Metadata = { title: "My Achievements" };

export default async function MyAchievementsPage() {
  const user = await requireUser();
  const db = await getDb();
  const [enabled, list, points] = await Promise.all([achievementsEnabled(db), achievementsOf(db, user.id), pointsOf(db, user.id)]);
  const timeZone = await timeZoneOf(user);
  const format = (d: Date) => formatDateTime(d, timeZone);
  const available = list.filter((a) => !a.earned || a.repeatable);
  return (
    <section className="space-y-8">
      <h1 className="text-2xl font-semibold">My Achievements</h1>
      {!enabled && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 dark:bg-amber-950 dark:text-amber-200">
          Achievements are switched off for now: your badges are kept, and new ones will be granted when they are back.
        </p>
      )}
      <div className="max-w-sm">
        <LevelCard standing={levelFor(points)} />
      </div>
      <section aria-labelledby="earned-heading" className="space-y-3">
        <h2 id="earned-heading" className="text-lg font-semibold">
          Earned
        </h2>
        <EarnedBadges list={list} format={format} />
      </section>
      <section aria-labelledby="available-heading" className="space-y-3">
        <h2 id="available-heading" className="text-lg font-semibold">
          Available
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2">
          {available.map((a) => (
            <li key={a.id} data-testid="available-badge" className={`${card} flex gap-3`}>
              <span className={`text-3xl ${a.earned ? "" : "opacity-40 grayscale"}`} aria-hidden>
                {a.icon}
              </span>
              <div className="flex-1">
                <p className="font-semibold">
                  {a.name} <span className="text-xs font-normal capitalize text-slate-500">{a.tier}</span>
                </p>
                <p className="text-sm">{a.description}</p>
                <p className="mt-1 text-xs text-slate-500">Needs: {a.requirement}</p>
                {a.progress && (
                  <>
                    <div
                      className="mt-2 h-2 rounded bg-slate-200 dark:bg-slate-700"
                      role="progressbar"
                      aria-label={`${a.name} progress`}
                      aria-valuemin={0}
                      aria-valuemax={a.progress.target}
                      aria-valuenow={a.progress.value}
                    >
                      <div className="h-2 rounded bg-emerald-500" style={{ width: `${Math.round((a.progress.value / a.progress.target) * 100)}%` }} />
                    </div>
                    <p className="mt-1 text-xs" data-testid="badge-progress">
                      {a.progress.value.toLocaleString("en-US")} / {a.progress.target.toLocaleString("en-US")} {a.progress.unit}
                    </p>
                  </>
                )}
                {a.score && (
                  <p className="mt-1 text-xs">
                    This {a.score.period}: {a.score.value.toLocaleString("en-US")} {a.score.unit}
                  </p>
                )}
              </div>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
