import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/sql-helpers";
import { achievements, backfillRuns } from "@/db/schema";
import { notifyEach } from "@/lib/notifications/notify";
import { currentPeriodStart, evaluatingRules, grantEarned, grantTogether } from "./engine";
import { loadAchievements, type EnabledAchievement } from "./grants";
import { achievementSettings } from "@/lib/settings/company";
import { isPeriodAward } from "./rules";
import { tallyGroups } from "./rule-sql";

const ABANDONED_AFTER = sql`interval '5 minutes'`;

/** Asks for everyone's history to be evaluated for these achievements; the job runner does the work. */
export async function requestBackfill(db: Db, achievementIds: number[], requestedBy: string | null): Promise<number | null> {
  if (achievementIds.length === 0) return null;
  const [run] = await db
    .insert(backfillRuns)
    .values({ achievementIds, requestedBy, total: achievementIds.length })
    .returning({ id: backfillRuns.id });
  return run.id;
}

/** Takes the oldest pending run (or one abandoned by a crashed instance); SKIP LOCKED lets instances share the queue. */
async function claimRun(db: Db) {
  const result = await db.execute(sql`
    update backfill_runs set status = 'running', heartbeat_at = now()
    where id = (
      select id from backfill_runs
      where status = 'pending' or (status = 'running' and heartbeat_at < now() - ${ABANDONED_AFTER})
      order by id limit 1 for update skip locked
    )
    returning id, achievement_ids`);
  const row = rowsOf(result)[0] as { id: number; achievement_ids: number[] } | undefined;
  return row ? { id: Number(row.id), achievementIds: row.achievement_ids } : null;
}

function summary(grants: { name: string }[]): string {
  return grants.length === 1
    ? `🏅 You have already earned “${grants[0].name}”: see My Achievements.`
    : `🏅 You have already earned ${grants.length} achievements: see My Achievements.`;
}

/** Achievements evaluated side by side: the database has more than one core to give a backfill. */
const LANES = 2;

/**
 * Retroactive evaluation: each achievement (or group sharing one tally) over everyone's history in
 * its own transaction, two at a time, so progress shows as it goes. Grants are dated when they were
 * earned; each person then gets one summary ("You have already earned 5 achievements") instead of
 * a toast per badge.
 */
export async function runBackfill(db: Db, runId: number, achievementIds: number[]): Promise<void> {
  const earned = new Map<string, { name: string }[]>();
  try {
    const { enabled, timeZone } = await achievementSettings(db);
    const waiting = enabled ? groupsOf(await loadAchievements(db, achievementIds)) : [];
    let failed = false;
    const lane = async () => {
      for (let group = waiting.shift(); group && !failed; group = waiting.shift()) {
        try {
          await backfillGroup(db, runId, group, timeZone, earned);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    };
    const lanes = await Promise.allSettled(Array.from({ length: LANES }, lane));
    const failure = lanes.find((l) => l.status === "rejected");
    if (failure) throw failure.reason;
    await db.transaction(async (tx) => {
      const told = [...earned].map(([userId, grants]) => ({ userId, message: summary(grants) }));
      await notifyEach(tx, told, { kind: "achievement", actorId: null, missionId: null });
      await tx
        .update(backfillRuns)
        .set({ status: "done", done: achievementIds.length, finishedAt: sql`now()` })
        .where(eq(backfillRuns.id, runId));
    });
  } catch (error) {
    await db
      .update(backfillRuns)
      .set({ status: "failed", error: error instanceof Error ? error.message : String(error), finishedAt: sql`now()` })
      .where(eq(backfillRuns.id, runId));
    throw error;
  }
}

/** Achievements that share one tally are granted together (tallyGroups); the biggest groups first, so the lanes end together. */
function groupsOf(achievements: EnabledAchievement[]): EnabledAchievement[][] {
  const byId = new Map(achievements.map((a) => [a.id, a]));
  return tallyGroups(achievements.map((a) => ({ achievementId: a.id, rule: a.rule })))
    .map((group) => group.map((m) => byId.get(m.achievementId)!))
    .sort((a, b) => b.length - a.length);
}

async function backfillGroup(db: Db, runId: number, group: EnabledAchievement[], timeZone: string, earned: Map<string, { name: string }[]>): Promise<void> {
  await db.transaction(async (tx) => {
    await evaluatingRules(tx, { everyone: true, redoable: true });
    // Rank rules award the periods closed by now, and remember that they did.
    const ranks = group.flatMap((a) => (isPeriodAward(a.rule) ? [a.rule.period] : []));
    const closedBefore = ranks.length ? await currentPeriodStart(tx, ranks[0], timeZone) : undefined;
    const scope = { timeZone, asOf: closedBefore };
    const grants =
      group.length === 1
        ? new Map([[group[0].id, await grantEarned(tx, group[0].id, group[0].rule, scope)]])
        : await grantTogether(tx, group.map((a) => ({ achievementId: a.id, rule: a.rule })), scope);
    for (const achievement of group) {
      if (isPeriodAward(achievement.rule)) await tx.update(achievements).set({ awardedThrough: closedBefore }).where(eq(achievements.id, achievement.id));
      for (const grant of grants.get(achievement.id) ?? []) earned.set(grant.userId, [...(earned.get(grant.userId) ?? []), { name: achievement.name }]);
    }
    const granted = [...grants.values()].reduce((n, g) => n + g.length, 0);
    await tx
      .update(backfillRuns)
      .set({ done: sql`${backfillRuns.done} + ${group.length}`, granted: sql`${backfillRuns.granted} + ${granted}`, heartbeatAt: sql`now()` })
      .where(eq(backfillRuns.id, runId));
  });
}

/** Runs every waiting backfill; safe to call from several places and instances at once. */
export async function runPendingBackfills(db: Db): Promise<number> {
  let ran = 0;
  for (let run = await claimRun(db); run; run = await claimRun(db)) {
    await runBackfill(db, run.id, run.achievementIds);
    ran++;
  }
  return ran;
}

export async function latestBackfill(db: Db) {
  const [run] = await db.select().from(backfillRuns).orderBy(sql`${backfillRuns.id} desc`).limit(1);
  return run ?? null;
}

