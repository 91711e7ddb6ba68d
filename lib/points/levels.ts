import { LEVELS } from "@/lib/achievements/catalog";

export type LevelStanding = { level: number; name: string; points: number; next: { level: number; name: string; minPoints: number } | null; progress: number };

/** Where a point total stands: the level reached and how far to the next (0..1). */
export function levelFor(points: number): LevelStanding {
  const index = LEVELS.findLastIndex((l) => points >= l.minPoints);
  const current = LEVELS[Math.max(0, index)];
  const next = LEVELS[index + 1] ?? null;
  const progress = next ? (points - current.minPoints) / (next.minPoints - current.minPoints) : 1;
  return { level: current.level, name: current.name, points, next, progress };
}
