import { sql } from "drizzle-orm";
import type { Database, Db } from "@/db/client";
import { rowsOf } from "@/db/sql-helpers";
import { ACTIVITY_CHANNEL, afterActivity } from "@/lib/activity/record";

/**
 * In-app activity is paid its points and evaluated for achievements in a transaction that follows
 * the one recording it (ARCHITECTURE.md allows "the same or a following"): a mission transition
 * commits without waiting for either, and a worker takes the queued events right after, a batch at
 * a time (the ledger takes each event once, so a batch done again pays nothing twice). SKIP LOCKED
 * lets every instance's worker share the queue; the per-person locks in grantForActivity keep
 * thresholds exact whoever evaluates. A batch that fails is gone through one event at a time, so
 * an event that keeps failing stays queued (and logged) without holding up the ones after it.
 */
export async function evaluateQueuedActivity(db: Db, batchSize = 500): Promise<number> {
  let evaluated = 0;
  for (;;) {
    let taken: number;
    try {
      taken = (await evaluateBatch(db, batchSize, 0)).length;
    } catch (error) {
      console.error("Achievement evaluation failed for a batch; going through it one event at a time.", error);
      taken = await evaluateOneByOne(db, batchSize);
    }
    evaluated += taken;
    if (taken < batchSize) return evaluated;
  }
}

async function evaluateOneByOne(db: Db, count: number): Promise<number> {
  let after = 0;
  let evaluated = 0;
  for (let i = 0; i < count; i++) {
    const attempted: number[] = [];
    try {
      const ids = await evaluateBatch(db, 1, after, attempted);
      if (ids.length === 0) break;
      evaluated++;
    } catch (error) {
      console.error(`Achievement evaluation failed for activity event ${attempted[0]}; it stays queued and is retried.`, error);
    }
    if (attempted.length === 0) break;
    after = attempted[0];
  }
  return evaluated;
}

/** Takes up to `limit` queued events after the given id and grants what they earned; returns their ids. */
async function evaluateBatch(db: Db, limit: number, after: number, attempted: number[] = []): Promise<number[]> {
  return db.transaction(async (tx) => {
    const rows = rowsOf(
      await tx.execute(sql`
        with taken as (
          delete from achievement_queue
          where event_id in (
            select event_id from achievement_queue where event_id > ${after} order by event_id limit ${limit} for update skip locked
          )
          returning event_id
        )
        select e.id, e.type, e.actor_id, e.attributes, e.occurred_at from activity_events e join taken on taken.event_id = e.id order by e.id`),
    );
    const ids = rows.map((r) => Number(r.id));
    attempted.push(...ids);
    const events = rows.map((r) => ({
      id: Number(r.id),
      type: String(r.type),
      actorId: String(r.actor_id),
      attributes: (typeof r.attributes === "string" ? JSON.parse(r.attributes) : r.attributes) as Record<string, unknown>,
      occurredAt: new Date(r.occurred_at as string),
    }));
    await afterActivity(tx, events);
    return ids;
  });
}

/**
 * How long a run waits for more activity to join its batch. A batch's queries (settings,
 * achievements, locks, what people already hold, the grants) cost the app about 4 ms of CPU and
 * little more per event: 110–130 µs per started or accepted mission in batches of 40 (what 20 ms
 * gathered under load), 25–50 µs in batches of 200. A toast a tenth of a second later is not noticed.
 */
const GATHER_MS = 100;

/**
 * Listens for queued activity and evaluates it within moments; one run at a time per instance, and
 * a signal that arrives during a run causes one more run. Also evaluates whatever a stopped instance
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
        // Whatever is queued in the next moment joins the same batch (GATHER_MS).
        await new Promise((resolve) => setTimeout(resolve, GATHER_MS));
        try {
          await evaluateQueuedActivity(database.db);
        } catch (error) {
          console.error("Achievement evaluation failed; the queued activity is kept and retried.", error);
        }
      } while (again);
      run = null;
    })();
  };
  // Also on every (re)connect of the listening connection: signals sent while it was down are lost.
  const unlisten = await database.listen(ACTIVITY_CHANNEL, kick, kick);
  return async () => {
    await unlisten();
    await run;
  };
}
