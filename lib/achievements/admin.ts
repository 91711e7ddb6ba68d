import { desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { ACHIEVEMENT_TIERS, achievements, companySettings, userAchievements } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/policy";
import { NotFoundError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation/parse";
import { requestBackfill } from "./backfill";
import { countWouldEarn } from "./engine";
import { companyTimeZone } from "@/lib/settings/company";
import { definitionColumns } from "./grants";
import { describeRule, parseRule, ruleSchema, type Rule } from "./rules";

type Admin = { id: string; role: "member" | "manager" | "admin" };

export type AdminAchievement = {
  id: number;
  name: string;
  description: string;
  icon: string;
  tier: string;
  enabled: boolean;
  builtIn: boolean;
  requirement: string;
  earnedBy: number;
};

export async function listAchievementsForAdmin(db: Db, actor: Admin): Promise<AdminAchievement[]> {
  requireAdmin(actor);
  // A join, not a correlated subquery: in a one-table select Drizzle leaves the outer column
  // unqualified, and inside the subquery it would bind to the inner table.
  const rows = await db
    .select({
      ...definitionColumns,
      enabled: achievements.enabled,
      builtIn: achievements.builtIn,
      earnedBy: sql<number>`count(distinct ${userAchievements.userId})::int`,
    })
    .from(achievements)
    .leftJoin(userAchievements, eq(userAchievements.achievementId, achievements.id))
    .groupBy(achievements.id)
    .orderBy(desc(achievements.builtIn), achievements.id);
  return rows.map(({ rule, ...row }) => ({ ...row, requirement: describeRule(parseRule(rule)) }));
}

/** Switching the feature on evaluates everyone's history; switching it off grants nothing new and keeps what was earned. */
export async function setAchievementsFeature(db: Db, actor: Admin, enabled: boolean): Promise<void> {
  requireAdmin(actor);
  await db.update(companySettings).set({ achievementsEnabled: enabled, updatedAt: sql`now()` }).where(eq(companySettings.id, 1));
  if (enabled) {
    const ids = await db.select({ id: achievements.id }).from(achievements).where(eq(achievements.enabled, true));
    await requestBackfill(
      db,
      ids.map((r) => r.id),
      actor.id,
    );
  }
}

export async function setAchievementEnabled(db: Db, actor: Admin, achievementId: number, enabled: boolean): Promise<void> {
  requireAdmin(actor);
  const [row] = await db.update(achievements).set({ enabled }).where(eq(achievements.id, achievementId)).returning({ id: achievements.id });
  if (!row) throw new NotFoundError("No such achievement.");
  if (enabled) await requestBackfill(db, [achievementId], actor.id);
}

export const customAchievementSchema = z.object({
  name: z.string({ error: "Give it a name." }).trim().min(1, "Give it a name.").max(60, "Keep the name under 60 characters."),
  description: z.string().trim().min(1, "Say what it is for.").max(300, "Keep the description under 300 characters."),
  icon: z.string().trim().min(1, "Choose an icon (an emoji).").max(8, "One emoji, please."),
  tier: z.enum(ACHIEVEMENT_TIERS, { error: "Choose a tier." }),
  rule: ruleSchema,
});

/** Custom achievements are switched on at once, so everyone's history is evaluated for them. */
export async function createCustomAchievement(db: Db, actor: Admin, input: unknown): Promise<{ id: number; backfillRunId: number | null }> {
  requireAdmin(actor);
  const data = parseOrThrow(customAchievementSchema, input);
  const [row] = await db
    .insert(achievements)
    .values({ ...data, builtIn: false, enabled: true })
    .returning({ id: achievements.id });
  return { id: row.id, backfillRunId: await requestBackfill(db, [row.id], actor.id) };
}

/** "Would be granted to 12 people now." */
export async function previewRule(db: Db, actor: Admin, rule: unknown): Promise<number> {
  requireAdmin(actor);
  const parsed: Rule = parseOrThrow(ruleSchema, rule);
  return countWouldEarn(db, parsed, { timeZone: await companyTimeZone(db) });
}
