import { and, eq, max, min, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { achievements, userAchievements } from "@/db/schema";
import { currentValue } from "./engine";
import { companyTimeZone } from "@/lib/settings/company";
import { definitionColumns } from "./grants";
import { describeRule, isRepeatable, parseRule } from "./rules";

export type AchievementStatus = {
  id: number;
  name: string;
  description: string;
  icon: string;
  tier: string;
  requirement: string;
  repeatable: boolean;
  earned: { times: number; firstAt: Date; lastAt: Date } | null;
  /** For the progress bar: "640 / 1,000 cases". Null for rank rules (see `score`). */
  progress: { value: number; target: number; unit: string } | null;
  /** Rank rules: this period's score. */
  score: { value: number; unit: string; period: string } | null;
};

/**
 * "My Achievements" (and a profile's badges): every achievement that is switched on, whether and
 * how often this person earned it, and how far they are from the next one.
 */
export async function achievementsOf(db: Db, userId: string, { withProgress = true } = {}): Promise<AchievementStatus[]> {
  const rows = await db
    .select({
      ...definitionColumns,
      times: sql<number>`count(${userAchievements.id})::int`,
      firstAt: min(userAchievements.grantedAt),
      lastAt: max(userAchievements.grantedAt),
    })
    .from(achievements)
    .leftJoin(userAchievements, and(eq(userAchievements.achievementId, achievements.id), eq(userAchievements.userId, userId)))
    .where(eq(achievements.enabled, true))
    .groupBy(achievements.id)
    .orderBy(achievements.id);
  const timeZone = await companyTimeZone(db);
  return Promise.all(
    rows.map(async ({ rule: raw, times, firstAt, lastAt, ...row }) => {
      const rule = parseRule(raw);
      const earned = times > 0 && firstAt && lastAt ? { times, firstAt, lastAt } : null;
      const repeatable = isRepeatable(rule) || rule.kind === "rank";
      const needsProgress = withProgress && (!earned || repeatable);
      const value = needsProgress ? await currentValue(db, rule, userId, timeZone) : 0;
      return {
        ...row,
        requirement: describeRule(rule),
        repeatable,
        earned,
        progress: needsProgress && rule.kind !== "rank" ? { value: Math.min(value, rule.threshold), target: rule.threshold, unit: rule.unit } : null,
        score: needsProgress && rule.kind === "rank" ? { value, unit: rule.unit, period: rule.period } : null,
      };
    }),
  );
}
