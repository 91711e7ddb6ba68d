import { formatInTimeZone } from "date-fns-tz";
import { cache } from "react";
import { getDb } from "@/db/client";
import { companyTimeZone } from "@/lib/settings/company";

const companyZone = cache(async () => companyTimeZone(await getDb()));

/** A person's zone, or the company's when they have not chosen one. */
export async function timeZoneOf(user: { timeZone: string | null }): Promise<string> {
  return user.timeZone ?? (await companyZone());
}

export function formatDateTime(date: Date, timeZone: string): string {
  return formatInTimeZone(date, timeZone, "d MMM yyyy, HH:mm");
}

/** The value a `datetime-local` input shows for this moment in this zone. */
export function toDateTimeLocal(date: Date, timeZone: string): string {
  return formatInTimeZone(date, timeZone, "yyyy-MM-dd'T'HH:mm");
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
