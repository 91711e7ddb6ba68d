import { readAppEnv, validateServerEnv } from "@/lib/env";
import { startAchievementWorker } from "@/lib/achievements/queue";
import { startJobs } from "@/lib/jobs/scheduler";
import { getDatabase } from "./client";

/**
 * Start-up: validate every setting and open (migrate, and on demo set-ups seed) the database before
 * the first request, so a misconfigured server stops at once with a message naming the setting.
 */
export async function startServer(): Promise<void> {
  try {
    validateServerEnv();
    const database = await getDatabase();
    console.log(`Database ready (${database.kind}).`);
    await startAchievementWorker(database);
    const { JOBS_INTERVAL_SECONDS } = readAppEnv();
    if (JOBS_INTERVAL_SECONDS > 0) startJobs(database.db, JOBS_INTERVAL_SECONDS * 1000);
  } catch (error) {
    console.error(`\nMissions & Achievements cannot start.\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
