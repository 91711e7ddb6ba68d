import { sql } from "drizzle-orm";
import type { Database, Db } from "@/db/client";
import { rowsOf } from "@/db/sql-helpers";
import { ACTIVITY_CHANNEL, peopleIn } from "@/lib/activity/record";
import { grantForActivity } from "./grants";

/**
 * In-app activity is evaluated for achievements in a transaction that follows the one recording it
 * (ARCHITECTURE.md allows "the same or a following"): a mission transition commits without waiting
 * for the rules, and a worker takes the queued events right after, a batch at a time. SKIP LOCKED
 * lets every instance's worker share the queue; the per-person locks in grantForActivity keep
 * thresholds exact whoever evaluates.
 */
export async function evaluateQueuedActivity(db: Db, batchSize = 500): Promise<number> {
  let evaluated = 0;
  for (;;) {
    const taken = await db.transaction(async (tx) => {
      const rows = rowsOf(
        await tx.execute(sql`
          with taken as (
            delete from achievement_queue
            where event_id in (select event_id from achievement_queue order by event_id limit ${batchSize} for update skip locked)
            returning event_id
          )
          select e.type, e.actor_id, e.attributes, e.occurred_at from activity_events e join taken on taken.event_id = e.id`),
      );
      if (rows.length === 0) return 0;
      const events = rows.map((r) => ({
        type: String(r.type),
        actorId: String(r.actor_id),
        attributes: (typeof r.attributes === "string" ? JSON.parse(r.attributes) : r.attributes) as Record<string, unknown>,
        occurredAt: new Date(r.occurred_at as string),
      }));
      const since = new Date(Math.min(...events.map((e) => e.occurredAt.getTime())));
      await grantForActivity(tx, [...new Set(events.flatMap(peopleIn))], [...new Set(events.map((e) => e.type))], since);
      return rows.length;
    });
    evaluated += taken;
    if (taken < batchSize) return evaluated;
  }
}

/**
 * Listens for queued activity and evaluates it at once; one run at a time per instance, and a
 * signal that arrives during a run causes one more run. Also evaluates whatever a stopped instance
 * left queued. Returns a function that stops listening and waits for the run in progress.
 */
export async function startAchievementWorker(database: Database): Promise<() => Promise<void>> {
  let run: Promise<void> | null = null;
  let again = false;
  const kick = () => {
    if (run) {
      again = true;
      return;
    }
    run = (async () => {
      do {
        again = false;
        try {
          await evaluateQueuedActivity(database.db);
        } catch (error) {
          console.error("Achievement evaluation failed; the queued activity is kept and retried.", error);
        }
      } while (again);
      run = null;
    })();
  };
  const unlisten = await database.listen(ACTIVITY_CHANNEL, kick);
  kick();
  return async () => {
    await unlisten();
    await run;
  };
}
