import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activityEvents } from "@/db/schema";

export type AppActivityType =
  | "mission.created"
  | "mission.started"
  | "mission.completed"
  | "mission.accepted"
  | "mission.rejected"
  | "mission.withdrawn"
  | "mission.cancelled"
  | "comment.posted";

/** Records what someone did in the app, in the same transaction as the doing. */
export async function recordActivity(tx: Db, type: AppActivityType, actorId: string, attributes: Record<string, unknown>): Promise<void> {
  await tx.insert(activityEvents).values({ type, actorId, attributes, occurredAt: sql`now()`, source: "app" });
}
