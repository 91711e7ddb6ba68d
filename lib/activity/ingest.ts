import { inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { achievements, activityEvents, users } from "@/db/schema";
import { achievementsEnabled, loadAchievements } from "@/lib/achievements/grants";
import { companyTimeZone } from "@/lib/settings/company";
import { grantEarned } from "@/lib/achievements/engine";
import { isPeriodAward } from "@/lib/achievements/rules";
import { DomainError } from "@/lib/errors";
import { afterActivity } from "./record";

export const MAX_BATCH = 1_000;

/** Types the app writes itself; outside systems cannot claim them. */
const APP_TYPES = /^(mission|comment)\./;

const attributeValue = z.union([z.string().max(1_000), z.number(), z.boolean(), z.null()]);

export const externalEventSchema = z.object({
  type: z
    .string({ error: "is required, e.g. case.resolved" })
    .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, "must look like case.resolved (lower case, dotted)")
    .max(64)
    .refine((t) => !APP_TYPES.test(t), "mission.* and comment.* are recorded by the app itself"),
  actor: z.email({ error: "must be the email of a user" }).transform((e) => e.toLowerCase()),
  occurredAt: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date and time with a zone" }),
  externalId: z.string({ error: "is required: the sender's id for this event, so a retry is not counted twice" }).min(1).max(200),
  source: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,49}$/i, "must be a short name such as helpdesk").optional(),
  attributes: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, "attribute names are letters, digits and _"), attributeValue).default({}),
});
export type ExternalEvent = z.input<typeof externalEventSchema>;

export type EventProblem = { index: number; field: string; message: string };

/** 422 with every bad event listed by index; nothing was saved. */
export class BatchError extends DomainError {
  constructor(readonly problems: EventProblem[]) {
    super(`${problems.length} problem${problems.length === 1 ? "" : "s"} in the events; nothing was recorded.`, 422);
  }
}

export type IngestResult = { received: number; recorded: number; duplicates: number };

/**
 * Records events from a help desk, CRM or CSV file: all of them or none. Idempotent per (source,
 * external id), so a sender may retry a batch. Points and achievements follow in the same
 * transaction; a late event in an already-awarded period re-opens that period's award.
 */
export async function ingestEvents(db: Db, input: unknown[], defaultSource: string): Promise<IngestResult> {
  if (input.length === 0) throw new BatchError([{ index: 0, field: "events", message: "send at least one event" }]);
  if (input.length > MAX_BATCH) throw new BatchError([{ index: MAX_BATCH, field: "events", message: `send at most ${MAX_BATCH} events at a time` }]);

  const problems: EventProblem[] = [];
  const parsed = input.map((raw, index) => {
    const result = externalEventSchema.safeParse(raw);
    if (!result.success) for (const issue of result.error.issues) problems.push({ index, field: issue.path.join(".") || "event", message: issue.message });
    return result.success ? result.data : null;
  });
  const emails = [...new Set(parsed.flatMap((e) => (e ? [e.actor] : [])))];
  const people = emails.length ? await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails)) : [];
  const idOf = new Map(people.map((p) => [p.email, p.id]));
  parsed.forEach((event, index) => {
    if (event && !idOf.has(event.actor)) problems.push({ index, field: "actor", message: `no user has the email ${event.actor}` });
  });
  if (problems.length > 0) throw new BatchError(problems);

  const rows = parsed.map((e) => ({
    type: e!.type,
    actorId: idOf.get(e!.actor)!,
    occurredAt: new Date(e!.occurredAt),
    attributes: e!.attributes,
    source: e!.source ?? defaultSource,
    externalId: e!.externalId,
  }));
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(activityEvents)
      .values(rows)
      .onConflictDoNothing({ target: [activityEvents.source, activityEvents.externalId], where: sql`${activityEvents.externalId} is not null` })
      .returning({ id: activityEvents.id, type: activityEvents.type, actorId: activityEvents.actorId, attributes: activityEvents.attributes, occurredAt: activityEvents.occurredAt });
    if (inserted.length > 0) {
      await afterActivity(tx, inserted);
      await reopenAwardedPeriods(tx, inserted);
    }
    return { received: rows.length, recorded: inserted.length, duplicates: rows.length - inserted.length };
  });
}

/** Events dated in periods already awarded (an import of history) can change who topped them. */
async function reopenAwardedPeriods(tx: Db, events: { type: string; occurredAt: Date }[]): Promise<void> {
  if (!(await achievementsEnabled(tx))) return;
  for (const achievement of await loadAchievements(tx)) {
    const rule = achievement.rule;
    if (!isPeriodAward(rule)) continue;
    const [row] = await tx.select({ awardedThrough: achievements.awardedThrough }).from(achievements).where(sql`${achievements.id} = ${achievement.id}`);
    const relevant = events.filter((e) => e.type === rule.event && row.awardedThrough && e.occurredAt < row.awardedThrough);
    if (relevant.length === 0 || !row.awardedThrough) continue;
    const earliest = new Date(Math.min(...relevant.map((e) => e.occurredAt.getTime())));
    await grantEarned(tx, achievement.id, rule, { timeZone: await companyTimeZone(tx), asOf: row.awardedThrough, periodsFrom: earliest });
  }
}
