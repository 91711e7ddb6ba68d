import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { achievements, userAchievements } from "@/db/schema";
import { achievementSettings } from "@/lib/settings/company";
import { notifyEach } from "@/lib/notifications/notify";
import { evaluatingRules, grantEarned, type Grant } from "./engine";
import { isPeriodAward, isRepeatable, parseRule, type Rule } from "./rules";

export type EnabledAchievement = { id: number; name: string; icon: string; rule: Rule };

export async function achievementsEnabled(db: Db): Promise<boolean> {
  return (await achievementSettings(db)).enabled;
}

/** An achievement as people see it, with its stored rule. */
export const definitionColumns = {
  id: achievements.id,
  name: achievements.name,
  description: achievements.description,
  icon: achievements.icon,
  tier: achievements.tier,
  rule: achievements.rule,
};

/** The achievements switched on (of these ids, when given): one switched off grants nothing, backfills included. */
export async function loadAchievements(db: Db, ids?: number[]): Promise<EnabledAchievement[]> {
  const rows = await db
    .select({ id: achievements.id, name: achievements.name, icon: achievements.icon, rule: achievements.rule })
    .from(achievements)
    .where(and(eq(achievements.enabled, true), ids ? inArray(achievements.id, ids) : undefined));
  return rows.map((r) => ({ ...r, rule: parseRule(r.rule) }));
}

/**
 * Right after activity, in the same transaction: grant what these people have just earned, and tell
 * each of them at once (inbox entry and toast). Period awards wait for their period to close.
 * `since` is the earliest of the new events: a once-only badge someone already holds from before
 * then cannot change, so they are left out of its query, which is what keeps this cheap.
 */
export async function grantForActivity(tx: Db, userIds: string[], eventTypes: string[], since: Date): Promise<Grant[]> {
  if (userIds.length === 0) return [];
  const { enabled, timeZone } = await achievementSettings(tx);
  if (!enabled) return [];
  const candidates = (await loadAchievements(tx)).filter((a) => !isPeriodAward(a.rule) && eventTypes.includes(a.rule.event));
  if (candidates.length === 0) return [];
  await evaluatingRules(tx);
  // One evaluation per person at a time: otherwise two transactions that each add someone's
  // 2nd event could each see only one and both miss a threshold of 2. Waiting here means the
  // evaluation below starts after the other commits, and so sees its event. Sorted: no deadlocks.
  const people = [...userIds].sort();
  await tx.execute(sql`select pg_advisory_xact_lock(7230003, hashtext(person)) from unnest(array[${sql.join(people.map((p) => sql`${p}`), sql`, `)}]::text[]) as person order by person`);
  const settled = await tx
    .select({ userId: userAchievements.userId, achievementId: userAchievements.achievementId })
    .from(userAchievements)
    .where(
      and(
        inArray(userAchievements.userId, people),
        inArray(
          userAchievements.achievementId,
          candidates.map((a) => a.id),
        ),
        eq(userAchievements.periodKey, ""),
        lte(userAchievements.grantedAt, since),
      ),
    );
  const holds = new Set(settled.map((s) => `${s.achievementId}:${s.userId}`));
  const granted: Grant[] = [];
  const told: { userId: string; message: string }[] = [];
  for (const achievement of candidates) {
    const repeatable = isRepeatable(achievement.rule);
    const scope = repeatable ? people : people.filter((p) => !holds.has(`${achievement.id}:${p}`));
    if (scope.length === 0) continue;
    const grants = await grantEarned(tx, achievement.id, achievement.rule, { userIds: scope, timeZone, periodsFrom: repeatable ? since : null, newSince: since });
    told.push(...grants.map((grant) => ({ userId: grant.userId, message: `${achievement.icon} You earned “${achievement.name}”!` })));
    granted.push(...grants);
  }
  await notifyEach(tx, told, { kind: "achievement", actorId: null, missionId: null });
  return granted;
}
