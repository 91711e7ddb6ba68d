import type { AchievementStatus } from "@/lib/achievements/progress";
import type { LevelStanding } from "@/lib/points/levels";
import { card } from "../_components/ui";

const TIER_RING: Record<string, string> = {
  bronze: "ring-amber-600/40",
  silver: "ring-slate-400/60",
  gold: "ring-yellow-400/70",
  platinum: "ring-cyan-400/70",
};

export function LevelCard({ standing }: { standing: LevelStanding }) {
  return (
    <section className={card} aria-label="Level" data-testid="level-card">
      <p className="text-sm text-slate-500">Level {standing.level}</p>
      <p className="text-xl font-semibold">{standing.name}</p>
      <p className="mt-1 text-sm">{standing.points.toLocaleString("en-US")} points</p>
      {standing.next && (
        <>
          <div className="mt-2 h-2 rounded bg-slate-200 dark:bg-slate-700" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(standing.progress * 100)} aria-label="Progress to the next level">
            <div className="h-2 rounded bg-indigo-500" style={{ width: `${Math.round(standing.progress * 100)}%` }} />
          </div>
          <p className="mt-1 text-xs text-slate-500">
            {(standing.next.minPoints - standing.points).toLocaleString("en-US")} points to {standing.next.name}
          </p>
        </>
      )}
    </section>
  );
}

export function EarnedBadges({ list, format }: { list: AchievementStatus[]; format: (d: Date) => string }) {
  const earned = list.filter((a) => a.earned);
  if (earned.length === 0) return <p className="text-sm text-slate-500">No badges yet: they come by themselves as you work.</p>;
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {earned.map((a) => (
        <li key={a.id} data-testid="earned-badge" className={`${card} flex gap-3 ring-2 ${TIER_RING[a.tier] ?? ""}`}>
          <span className="text-3xl" aria-hidden>
            {a.icon}
          </span>
          <div>
            <p className="font-semibold">{a.name}</p>
            <p className="text-xs text-slate-500">
              {a.earned!.times > 1 ? `${a.earned!.times} times, last ${format(a.earned!.lastAt)}` : `Earned ${format(a.earned!.firstAt)}`}
            </p>
            <p className="mt-1 text-sm">{a.description}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
