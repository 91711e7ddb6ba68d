import { formatInTimeZone } from "date-fns-tz";
import { readAppEnv } from "@/lib/env";

/** A person's zone, or the company's when they have not chosen one. */
export function timeZoneOf(user: { timeZone: string | null }): string {
  return user.timeZone ?? readAppEnv().COMPANY_TIME_ZONE;
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
