import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/sql-helpers";
import { achievements } from "@/db/schema";
import { notifyEach } from "@/lib/notifications/notify";
import { currentPeriodStart, evaluatingRules, grantEarned } from "./engine";
import { achievementsEnabled, loadAchievements } from "./grants";
import { companyTimeZone } from "@/lib/settings/company";
import { isPeriodAward } from "./rules";

const PERIOD_AWARDS_LOCK = 7_230_002;

/**
 * Awards rank achievements (Weekly Champion) for periods that have closed since the last award.
 * Runs on a timer in every app instance: a transaction-level advisory lock lets one instance do it
 * while the others skip, and `awarded_through` plus the grants' unique key make a rerun a no-op.
 */
export async function awardClosedPeriods(db: Db, asOf = new Date()): Promise<number> {
  if (!(await achievementsEnabled(db))) return 0;
  const candidates = (await loadAchievements(db)).filter((a) => isPeriodAward(a.rule));
  if (candidates.length === 0) return 0;
  return db.transaction(async (tx) => {
    const result = await tx.execute(sql`select pg_try_advisory_xact_lock(${PERIOD_AWARDS_LOCK}) as locked`);
    if (!rowsOf(result)[0].locked) return 0;
    await evaluatingRules(tx, { everyone: true });
    let count = 0;
    for (const achievement of candidates) {
      const rule = achievement.rule;
      if (!isPeriodAward(rule)) continue;
      const [row] = await tx.select({ awardedThrough: achievements.awardedThrough }).from(achievements).where(eq(achievements.id, achievement.id));
      const timeZone = await companyTimeZone(tx);
      const closedBefore = await currentPeriodStart(tx, rule.period, timeZone, asOf);
      if (row.awardedThrough && row.awardedThrough >= closedBefore) continue;
      const grants = await grantEarned(tx, achievement.id, rule, { timeZone, asOf, periodsFrom: row.awardedThrough });
      const told = grants.map((grant) => ({ userId: grant.userId, message: `${achievement.icon} You earned “${achievement.name}” for ${grant.periodKey}!` }));
      await notifyEach(tx, told, { kind: "achievement", actorId: null, missionId: null });
      await tx.update(achievements).set({ awardedThrough: closedBefore }).where(eq(achievements.id, achievement.id));
      count += grants.length;
    }
    return count;
  });
}
