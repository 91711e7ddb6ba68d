import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { achievements, activityEvents, companySettings, pointRules } from "@/db/schema";
import { payHistory } from "@/lib/points/ledger";
import { requestBackfill } from "./backfill";
import { BUILT_IN_ACHIEVEMENTS, DEFAULT_POINT_RULES } from "./catalog";
import { parseRule } from "./rules";

/**
 * At start-up: the settings row, default point rules and any built-in achievement this release adds.
 * Existing rows are left alone (admins may have changed them). A point rule or built-in added to a
 * database that already has history pays and grants for that history, as if it had always been there.
 */
export async function installAchievementDefaults(db: Db): Promise<void> {
  await db.insert(companySettings).values({ id: 1 }).onConflictDoNothing();
  const newRules = await db.insert(pointRules).values(DEFAULT_POINT_RULES).onConflictDoNothing().returning({ eventType: pointRules.eventType });
  await payHistory(
    db,
    newRules.map((r) => r.eventType),
  );
  const added = await db
    .insert(achievements)
    .values(BUILT_IN_ACHIEVEMENTS.map((a) => ({ ...a, rule: parseRule(a.rule), builtIn: true })))
    .onConflictDoNothing({ target: achievements.key })
    .returning({ id: achievements.id });
  if (added.length === 0) return;
  const [history] = await db.select({ any: sql<boolean>`exists (select 1 from ${activityEvents})` }).from(sql`(select 1) as one`);
  if (history.any) {
    await requestBackfill(
      db,
      added.map((a) => a.id),
      null,
    );
  }
}
