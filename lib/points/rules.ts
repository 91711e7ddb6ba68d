import { asc } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { pointRules } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/policy";
import { parseOrThrow } from "@/lib/validation/parse";

export type PointRule = { eventType: string; points: number; subject: "actor" | "taker" | "owner" };

export async function listPointRules(db: Db): Promise<PointRule[]> {
  return db.select().from(pointRules).orderBy(asc(pointRules.eventType));
}

const pointRuleSchema = z.object({
  eventType: z.string({ error: "Enter an event type." }).regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, "Use an event type such as case.resolved."),
  points: z.coerce.number({ error: "Enter a number." }).int("Whole points only.").min(-1000, "At least -1,000.").max(1000, "At most 1,000."),
  subject: z.enum(["actor", "taker", "owner"]).default("actor"),
});

/** Sets what an activity type pays from now on; the ledger keeps what was already paid. 0 pays nothing. */
export async function setPointRule(db: Db, actor: { role: "member" | "manager" | "admin" }, input: unknown): Promise<void> {
  requireAdmin(actor);
  const rule = parseOrThrow(pointRuleSchema, input);
  await db
    .insert(pointRules)
    .values(rule)
    .onConflictDoUpdate({ target: pointRules.eventType, set: { points: rule.points, subject: rule.subject } });
}
