import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { listApiTokens } from "@/lib/api-tokens/tokens";
import { requireUser } from "@/lib/auth/session";
import { card } from "../_components/ui";
import { formatDateTime, timeZoneOf } from "../_lib/format";
import { isHiddenFromLeaderboards } from "@/lib/users/queries";
import { SwitchButton } from "../_components/switch-button";
import { companyTimeZone } from "@/lib/settings/company";
import { EMAIL_KIND_LABELS, getPreferences } from "@/lib/users/preferences";
import { createTokenAction, leaderboardVisibilityAction, preferencesAction, revokeTokenAction } from "./actions";
import { NewTokenForm, PreferencesForm, RevokeTokenButton } from "./forms";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser();
  const db = await getDb();
  const [tokens, hidden, preferences, companyZone] = await Promise.all([
    listApiTokens(db, user),
    isHiddenFromLeaderboards(db, user.id),
    getPreferences(db, user.id),
    companyTimeZone(db),
  ]);
  const timeZone = await timeZoneOf(user);
  return (
    <section className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <section className={`${card} space-y-3`} aria-labelledby="preferences-heading">
        <h2 id="preferences-heading" className="text-lg font-semibold">
          Preferences
        </h2>
        <PreferencesForm
          action={preferencesAction}
          values={preferences}
          kinds={Object.entries(EMAIL_KIND_LABELS).map(([kind, label]) => ({ kind, label }))}
          zones={Intl.supportedValuesOf("timeZone")}
          companyZone={companyZone}
        />
      </section>
      <section className={`${card} flex flex-wrap items-center justify-between gap-3`} aria-labelledby="leaderboard-heading">
        <div>
          <h2 id="leaderboard-heading" className="text-lg font-semibold">
            Leaderboards
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="leaderboard-visibility">
            {hidden ? "You are hidden from leaderboards. You still earn points and badges." : "You appear on leaderboards."}
          </p>
        </div>
        <SwitchButton action={leaderboardVisibilityAction.bind(null, !hidden)} label={hidden ? "Show me on leaderboards" : "Hide me from leaderboards"} />
      </section>
      <section className={`${card} space-y-4`} aria-labelledby="tokens-heading">
        <div>
          <h2 id="tokens-heading" className="text-lg font-semibold">
            Personal API tokens
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Scripts use a token to work with missions as you through the HTTP API (<code>Authorization: Bearer &lt;token&gt;</code>). Revoke a token you no longer use.
          </p>
        </div>
        <NewTokenForm action={createTokenAction} />
        {tokens.length > 0 && (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1">Name</th>
                <th className="py-1">Starts with</th>
                <th className="py-1">Created</th>
                <th className="py-1">Last used</th>
                <th className="py-1" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {tokens.map((t) => (
                <tr key={t.id} data-testid="api-token-row">
                  <td className="py-2">{t.name}</td>
                  <td className="py-2 font-mono">{t.prefix}…</td>
                  <td className="py-2">{formatDateTime(t.createdAt, timeZone)}</td>
                  <td className="py-2">{t.lastUsedAt ? formatDateTime(t.lastUsedAt, timeZone) : "Never"}</td>
                  <td className="py-2 text-right">{t.revokedAt ? <span className="text-slate-500">Revoked</span> : <RevokeTokenButton action={revokeTokenAction.bind(null, t.id)} name={t.name} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
