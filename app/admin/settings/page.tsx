import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { getCompanySettings } from "@/lib/settings/company";
import { companySettingsAction } from "../actions";
import { CompanySettingsForm } from "../forms";

export const metadata: Metadata = { title: "Company settings" };

export default async function CompanySettingsPage() {
  await requireUser();
  const settings = await getCompanySettings(await getDb());
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Company settings</h1>
      <CompanySettingsForm
        action={companySettingsAction}
        values={{ allowedDomains: settings.allowedDomains.join(", "), timeZone: settings.timeZone, attachmentMaxMb: settings.attachmentMaxMb }}
        zones={Intl.supportedValuesOf("timeZone")}
      />
      <p className="text-sm text-slate-600 dark:text-slate-400">Points per activity are set on the Achievements page.</p>
    </section>
  );
}
