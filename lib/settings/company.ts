import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { companySettings } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/policy";
import { isTimeZone, readAppEnv, readDefaultAllowedDomains } from "@/lib/env";
import { parseOrThrow } from "@/lib/validation/parse";

export type CompanySettings = {
  achievementsEnabled: boolean;
  allowedDomains: string[];
  timeZone: string;
  attachmentMaxMb: number;
};

/** What admins set, falling back to the deployment's environment for anything they have not. */
export async function getCompanySettings(db: Db): Promise<CompanySettings> {
  const [row] = await db.select().from(companySettings).where(eq(companySettings.id, 1));
  const app = readAppEnv();
  return {
    achievementsEnabled: row?.achievementsEnabled ?? true,
    allowedDomains: row?.allowedDomains ?? readDefaultAllowedDomains(),
    timeZone: row?.timeZone ?? app.COMPANY_TIME_ZONE,
    attachmentMaxMb: row?.attachmentMaxMb ?? app.ATTACHMENT_MAX_MB,
  };
}

/** What achievement evaluation needs, in one read: whether the feature is on, and the company's zone. */
export async function achievementSettings(db: Db): Promise<{ enabled: boolean; timeZone: string }> {
  const [row] = await db
    .select({ enabled: companySettings.achievementsEnabled, timeZone: companySettings.timeZone })
    .from(companySettings)
    .where(eq(companySettings.id, 1));
  return { enabled: row?.enabled ?? true, timeZone: row?.timeZone ?? readAppEnv().COMPANY_TIME_ZONE };
}

/** The zone for weekends, weeks (from Monday), months and leaderboards. */
export async function companyTimeZone(db: Db): Promise<string> {
  return (await achievementSettings(db)).timeZone;
}

const settingsSchema = z.object({
  allowedDomains: z
    .string({ error: "List at least one email domain." })
    .transform((s) =>
      s
        .split(/[\s,]+/)
        .map((d) => d.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, "Each must be a domain such as example.com.")).min(1, "List at least one email domain.")),
  timeZone: z.string().refine(isTimeZone, "Choose a time zone such as Europe/Berlin."),
  attachmentMaxMb: z.coerce.number({ error: "Enter a number of megabytes." }).int("Whole megabytes.").min(1, "At least 1 MB.").max(100, "At most 100 MB."),
});

export async function updateCompanySettings(db: Db, actor: { role: "member" | "manager" | "admin" }, input: unknown): Promise<void> {
  requireAdmin(actor);
  const data = parseOrThrow(settingsSchema, input);
  await db
    .insert(companySettings)
    .values({ id: 1, ...data })
    .onConflictDoUpdate({ target: companySettings.id, set: { ...data, updatedAt: sql`now()` } });
}
