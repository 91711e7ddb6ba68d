import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { listAchievementsForAdmin } from "@/lib/achievements/admin";
import { latestBackfill } from "@/lib/achievements/backfill";
import { achievementsEnabled } from "@/lib/achievements/grants";
import { rowsOf } from "@/db/sql-helpers";
import { listApiTokens } from "@/lib/api-tokens/tokens";
import { isAdmin } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { card } from "../../_components/ui";
import { formatDateTime, timeZoneOf } from "../../_lib/format";
import { NewTokenForm, RevokeTokenButton } from "../../settings/forms";
import {
  achievementSwitchAction,
  createIntegrationTokenAction,
  customAchievementAction,
  featureAction,
  importCsvAction,
  pointRuleAction,
  revokeIntegrationTokenAction,
} from "./actions";
import { SwitchButton } from "../../_components/switch-button";
import { listPointRules } from "@/lib/points/rules";
import { CsvImportForm, CustomAchievementForm, PointRuleForm, RefreshWhileRunning } from "./forms";

export const metadata: Metadata = { title: "Achievements (admin)" };

export default async function AdminAchievementsPage() {
  const user = await requireUser();
  if (!isAdmin(user)) notFound();
  const db = await getDb();
  const [enabled, list, run, tokens, types, pointRules] = await Promise.all([
    achievementsEnabled(db),
    listAchievementsForAdmin(db, user),
    latestBackfill(db),
    listApiTokens(db, user, "integration"),
    db.execute(sql`select distinct type from activity_events order by 1 limit 100`),
    listPointRules(db),
  ]);
  const timeZone = await timeZoneOf(user);
  const running = !!run && (run.status === "pending" || run.status === "running");
  return (
    <section className="space-y-8">
      <RefreshWhileRunning running={running} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Achievements</h1>
        <SwitchButton action={featureAction.bind(null, !enabled)} label={enabled ? "Switch achievements off" : "Switch achievements on"} danger={enabled} />
      </div>
      <p data-testid="feature-status">{enabled ? "Achievements are on for everyone." : "Achievements are off: nothing new is granted; earned badges are kept."}</p>
      {run && (
        <p role="status" data-testid="backfill-status" className="text-sm">
          Last evaluation of history: {run.status} — {run.done} / {run.total} achievements, {run.granted} badges granted
          {run.finishedAt ? ` (finished ${formatDateTime(run.finishedAt, timeZone)})` : ""}.{run.error ? ` Error: ${run.error}` : ""}
        </p>
      )}

      <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-100 text-xs uppercase text-slate-700 dark:bg-slate-800 dark:text-slate-300">
            <tr>
              <th className="px-3 py-2">Achievement</th>
              <th className="px-3 py-2">Needs</th>
              <th className="px-3 py-2 text-right">Earned by</th>
              <th className="px-3 py-2" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 bg-white dark:divide-slate-800 dark:bg-slate-900">
            {list.map((a) => (
              <tr key={a.id} data-testid="admin-achievement" className={a.enabled ? "" : "text-slate-400"}>
                <td className="px-3 py-2">
                  {a.icon} <span className="font-medium">{a.name}</span> <span className="text-xs capitalize text-slate-500">{a.tier}{a.builtIn ? "" : " · custom"}</span>
                </td>
                <td className="px-3 py-2">{a.requirement}</td>
                <td className="px-3 py-2 text-right tabular-nums">{a.earnedBy}</td>
                <td className="px-3 py-2 text-right">
                  <SwitchButton action={achievementSwitchAction.bind(null, a.id, !a.enabled)} label={a.enabled ? `Switch off ${a.name}` : `Switch on ${a.name}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section className={`${card} space-y-3`} aria-labelledby="custom-heading">
        <h2 id="custom-heading" className="text-lg font-semibold">
          New custom achievement
        </h2>
        <CustomAchievementForm action={customAchievementAction} eventTypes={rowsOf(types).map((r) => String(r.type))} />
      </section>

      <section className={`${card} space-y-3`} aria-labelledby="points-heading">
        <h2 id="points-heading" className="text-lg font-semibold">
          Points per activity
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">Changes apply to new activity; points already paid stay in the ledger. 0 pays nothing.</p>
        <div className="space-y-2">
          {pointRules.map((rule) => (
            <PointRuleForm key={rule.eventType} action={pointRuleAction} rule={rule} />
          ))}
          <PointRuleForm action={pointRuleAction} />
        </div>
      </section>

      <section className={`${card} space-y-3`} aria-labelledby="import-heading">
        <h2 id="import-heading" className="text-lg font-semibold">
          Import past activity (CSV)
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Columns: <code>type, actor, occurred_at, external_id</code>, optional <code>source</code>; any other column becomes an attribute. Importing the same file again
          adds nothing twice.
        </p>
        <CsvImportForm action={importCsvAction} />
      </section>

      <section className={`${card} space-y-3`} aria-labelledby="integration-heading">
        <h2 id="integration-heading" className="text-lg font-semibold">
          Integration tokens
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          A help desk or CRM posts work events to <code>POST /api/v1/activities</code> with one of these tokens.
        </p>
        <NewTokenForm action={createIntegrationTokenAction} />
        <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
          {tokens.map((t) => (
            <li key={t.id} className="flex items-center justify-between py-2">
              <span>
                {t.name} <span className="font-mono text-slate-500">{t.prefix}…</span>{" "}
                <span className="text-slate-500">· last used {t.lastUsedAt ? formatDateTime(t.lastUsedAt, timeZone) : "never"}</span>
              </span>
              {t.revokedAt ? <span className="text-slate-500">Revoked</span> : <RevokeTokenButton action={revokeIntegrationTokenAction.bind(null, t.id)} name={t.name} />}
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
