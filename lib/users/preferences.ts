import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { NOTIFICATION_KINDS, users, type NotificationKind } from "@/db/schema";
import { isTimeZone } from "@/lib/env";
import { parseOrThrow } from "@/lib/validation/parse";

export const EMAIL_KIND_LABELS: Record<NotificationKind, string> = {
  comment: "Comments on missions I own, took or commented on",
  status_change: "Status changes of my missions",
  achievement: "Achievements I earn",
  reminder: "Due-date reminders",
};

export type Preferences = { timeZone: string | null; email: Record<NotificationKind, boolean> };

export async function getPreferences(db: Db, userId: string): Promise<Preferences> {
  const [row] = await db.select({ timeZone: users.timeZone, email: users.emailPreferences }).from(users).where(eq(users.id, userId));
  return {
    timeZone: row?.timeZone ?? null,
    email: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, row?.email[k] ?? true])) as Record<NotificationKind, boolean>,
  };
}

const preferencesSchema = z.object({
  timeZone: z.union([z.literal("").transform(() => null), z.string().refine(isTimeZone, "Choose a time zone such as Europe/Berlin.")]).nullable(),
  email: z.record(z.enum(NOTIFICATION_KINDS), z.boolean()),
});

/** One's own time zone (empty: the company's) and which notifications also come by email. */
export async function updatePreferences(db: Db, userId: string, input: unknown): Promise<void> {
  const data = parseOrThrow(preferencesSchema, input);
  await db
    .update(users)
    .set({ timeZone: data.timeZone, emailPreferences: data.email, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
}
