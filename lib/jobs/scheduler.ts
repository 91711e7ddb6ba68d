import type { Db } from "@/db/client";
import { runPendingBackfills } from "@/lib/achievements/backfill";
import { evaluateQueuedActivity } from "@/lib/achievements/queue";
import { awardClosedPeriods } from "@/lib/achievements/period-awards";
import { emailNotifications } from "@/lib/email/mailer";
import { sendDueReminders } from "@/lib/missions/reminders";

type Job = { name: string; run: (db: Db) => Promise<unknown> };

/** Each job is idempotent and safe with several app instances (advisory lock or SKIP LOCKED claim). */
const JOBS: Job[] = [
  // Normally evaluated the moment it is queued; this catches what a stopped instance left behind.
  { name: "queued achievements", run: (db) => evaluateQueuedActivity(db) },
  { name: "achievement backfills", run: runPendingBackfills },
  { name: "period awards", run: (db) => awardClosedPeriods(db) },
  { name: "due-date reminders", run: (db) => sendDueReminders(db) },
  { name: "email notifications", run: emailNotifications },
];

const store = globalThis as typeof globalThis & { __missionsJobs?: NodeJS.Timeout };

/** Runs the periodic jobs in-process on a timer; one pass at a time, errors logged and retried next tick. */
export function startJobs(db: Db, intervalMs: number): void {
  if (store.__missionsJobs) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    for (const job of JOBS) {
      try {
        await job.run(db);
      } catch (error) {
        console.error(`Job "${job.name}" failed; it will be retried.`, error);
      }
    }
    running = false;
  };
  store.__missionsJobs = setInterval(() => void tick(), intervalMs);
  store.__missionsJobs.unref();
  void tick();
}

/** After an admin switches something on: start the backfill now rather than at the next tick. */
export function kickBackfills(db: Db): void {
  void runPendingBackfills(db).catch((error: unknown) => console.error("Achievement backfill failed", error));
}
