import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { activityEvents } from "@/db/schema";
import { grantForActivity } from "@/lib/achievements/grants";
import { payPoints } from "@/lib/points/ledger";

export type AppActivityType =
  | "mission.created"
  | "mission.started"
  | "mission.completed"
  | "mission.accepted"
  | "mission.rejected"
  | "mission.withdrawn"
  | "mission.cancelled"
  | "comment.posted";

/** Everyone an event can count for: its actor, and the mission's taker and owner when it names them. */
export function peopleIn(event: { actorId: string; attributes: Record<string, unknown> }): string[] {
  const ids = [event.actorId, event.attributes.takerId, event.attributes.ownerId].filter((id): id is string => typeof id === "string");
  return [...new Set(ids)];
}

/** After events are stored: pay their points and grant what they earned, in the same transaction. */
export async function afterActivity(
  tx: Db,
  events: { id: number; type: string; actorId: string; attributes: Record<string, unknown>; occurredAt: Date }[],
): Promise<void> {
  await payPoints(
    tx,
    events.map((e) => e.id),
  );
  const since = new Date(Math.min(...events.map((e) => e.occurredAt.getTime())));
  await grantForActivity(tx, [...new Set(events.flatMap(peopleIn))], [...new Set(events.map((e) => e.type))], since);
}

/** Records what someone did in the app, in the same transaction as the doing. */
export async function recordActivity(tx: Db, type: AppActivityType, actorId: string, attributes: Record<string, unknown>): Promise<void> {
  const [event] = await tx
    .insert(activityEvents)
    .values({ type, actorId, attributes, occurredAt: sql`now()`, source: "app" })
    .returning({ id: activityEvents.id, occurredAt: activityEvents.occurredAt });
  await afterActivity(tx, [{ id: event.id, type, actorId, attributes, occurredAt: event.occurredAt }]);
}
