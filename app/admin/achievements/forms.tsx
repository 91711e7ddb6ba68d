"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { ActionState } from "../../_lib/action-state";
import { ActionForm, FieldError, FormError } from "../../_components/action-form";
import { buttonPrimary, buttonSecondary, inputClass } from "../../_components/ui";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** While a backfill runs, refresh every two seconds so its progress moves. */
export function RefreshWhileRunning({ running }: { running: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [running, router]);
  return null;
}

function Field({ label, name, state, children }: { label: string; name: string; state: ActionState; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={name} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      {children}
      <FieldError state={state} name={name} />
    </div>
  );
}

export function CustomAchievementForm({ action, eventTypes }: { action: Action; eventTypes: string[] }) {
  const [kind, setKind] = useState("count");
  return (
    <ActionForm action={action} className="space-y-4" aria-label="Custom achievement">
      {(state, pending) => (
        <>
          <FormError state={state} />
          {state?.ok && state.message && (
            <p role="status" data-testid="custom-achievement-status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm dark:bg-emerald-950">
              {state.message}
            </p>
          )}
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Name" name="name" state={state}>
              <input id="name" name="name" className={inputClass} />
            </Field>
            <div className="grid grid-cols-2 gap-3">
              <Field label="Icon" name="icon" state={state}>
                <input id="icon" name="icon" defaultValue="⭐" className={inputClass} />
              </Field>
              <Field label="Tier" name="tier" state={state}>
                <select id="tier" name="tier" className={inputClass} defaultValue="bronze">
                  <option value="bronze">Bronze</option>
                  <option value="silver">Silver</option>
                  <option value="gold">Gold</option>
                  <option value="platinum">Platinum</option>
                </select>
              </Field>
            </div>
          </div>
          <Field label="Description" name="description" state={state}>
            <input id="description" name="description" className={inputClass} />
          </Field>
          <div className="grid gap-4 sm:grid-cols-3">
            <Field label="Template" name="kind" state={state}>
              <select id="kind" name="kind" className={inputClass} value={kind} onChange={(e) => setKind(e.target.value)}>
                <option value="count">Count of events</option>
                <option value="distinct">Distinct values of an attribute</option>
                <option value="sum">Sum of an attribute</option>
                <option value="rank">Top N in a period</option>
              </select>
            </Field>
            <Field label="Event type" name="event" state={state}>
              <input id="event" name="event" list="event-types" placeholder="case.resolved" className={inputClass} />
              <datalist id="event-types">
                {eventTypes.map((t) => (
                  <option key={t} value={t} />
                ))}
              </datalist>
            </Field>
            <Field label="Counts for" name="who" state={state}>
              <select id="who" name="who" className={inputClass} defaultValue="actor">
                <option value="actor">The person who did it</option>
                <option value="taker">The mission&apos;s taker</option>
                <option value="owner">The mission&apos;s owner</option>
              </select>
            </Field>
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            {(kind === "distinct" || kind === "sum") && (
              <Field label="Attribute" name="attribute" state={state}>
                <input id="attribute" name="attribute" placeholder={kind === "sum" ? "minutes" : "channel"} className={inputClass} />
              </Field>
            )}
            {kind === "rank" ? (
              <Field label="Top" name="top" state={state}>
                <input id="top" name="top" type="number" min={1} defaultValue={1} className={inputClass} />
              </Field>
            ) : (
              <Field label="Threshold" name="threshold" state={state}>
                <input id="threshold" name="threshold" type="number" min={1} className={inputClass} />
              </Field>
            )}
            {kind !== "distinct" && (
              <Field label="Period" name="period" state={state}>
                <select id="period" name="period" className={inputClass} defaultValue={kind === "rank" ? "week" : ""}>
                  {kind !== "rank" && <option value="">All time (once)</option>}
                  <option value="week">Each week</option>
                  <option value="month">Each month</option>
                </select>
              </Field>
            )}
            <Field label="Unit (for progress)" name="unit" state={state}>
              <input id="unit" name="unit" placeholder="cases" className={inputClass} />
            </Field>
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            <Field label="Only where attribute" name="filterAttribute" state={state}>
              <input id="filterAttribute" name="filterAttribute" placeholder="channel" className={inputClass} />
            </Field>
            <Field label="equals" name="filterEquals" state={state}>
              <input id="filterEquals" name="filterEquals" placeholder="phone" className={inputClass} />
            </Field>
            <label className="flex items-end gap-2 pb-2 text-sm">
              <input type="checkbox" name="weekend" /> Only on weekends
            </label>
          </div>
          <div className="flex gap-2">
            <button type="submit" name="intent" value="preview" className={buttonSecondary} disabled={pending}>
              Preview
            </button>
            <button type="submit" name="intent" value="create" className={buttonPrimary} disabled={pending}>
              Create achievement
            </button>
          </div>
        </>
      )}
    </ActionForm>
  );
}

export function CsvImportForm({ action }: { action: Action }) {
  return (
    <ActionForm action={action} resetOnSuccess className="space-y-3" aria-label="Import activity CSV">
      {(state, pending) => (
        <>
          <FormError state={state} />
          {state?.ok && state.message && (
            <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm dark:bg-emerald-950">
              {state.message}
            </p>
          )}
          <div className="flex flex-wrap items-end gap-3">
            <Field label="CSV file" name="file" state={state}>
              <input id="file" name="file" type="file" accept=".csv,text/csv" className="text-sm" />
            </Field>
            <Field label="Source" name="source" state={state}>
              <input id="source" name="source" placeholder="helpdesk" className={inputClass} />
            </Field>
            <button type="submit" className={buttonPrimary} disabled={pending}>
              {pending ? "Importing…" : "Import"}
            </button>
          </div>
        </>
      )}
    </ActionForm>
  );
}

/** One activity type's points: edit a row and save it, or add a new type in the empty row. */
export function PointRuleForm({ action, rule }: { action: Action; rule?: { eventType: string; points: number; subject: string } }) {
  return (
    <ActionForm action={action} className="flex flex-wrap items-start gap-2" aria-label={rule ? `Points for ${rule.eventType}` : "New point rule"}>
      {(state, pending) => (
        <>
          {rule ? (
            <input type="hidden" name="eventType" value={rule.eventType} />
          ) : (
            <input name="eventType" aria-label="New activity type" placeholder="deal.won" className={`${inputClass} w-44`} />
          )}
          {rule && <code className="w-44 py-2 text-sm">{rule.eventType}</code>}
          <input name="points" type="number" aria-label="Points" defaultValue={rule?.points ?? ""} className={`${inputClass} w-24`} />
          <select name="subject" aria-label="Paid to" defaultValue={rule?.subject ?? "actor"} className={`${inputClass} w-44`}>
            <option value="actor">the person who did it</option>
            <option value="taker">the mission&apos;s taker</option>
            <option value="owner">the mission&apos;s owner</option>
          </select>
          <button type="submit" className={buttonSecondary} disabled={pending}>
            {rule ? "Save" : "Add"}
          </button>
          {state?.ok && <span className="py-2 text-sm text-emerald-700 dark:text-emerald-300">{state.message}</span>}
          {state && !state.ok && (
            <span role="alert" className="py-2 text-sm text-rose-600">
              {Object.values(state.fieldErrors).flat().join(" ") || state.error}
            </span>
          )}
        </>
      )}
    </ActionForm>
  );
}
