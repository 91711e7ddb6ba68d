"use client";

import type { ActionState } from "../_lib/action-state";
import { ActionForm, FieldError, FormError, invalid } from "../_components/action-form";
import { buttonPrimary, inputClass } from "../_components/ui";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

export function NewTokenForm({ action }: { action: Action }) {
  return (
    <ActionForm action={action} resetOnSuccess className="space-y-3" aria-label="New API token">
      {(state, pending) => (
        <>
          <FormError state={state} />
          {state?.ok && state.message && (
            <div role="status" className="space-y-1 rounded-md bg-emerald-50 p-3 text-sm dark:bg-emerald-950">
              <p className="font-medium">Copy your new token now: it will not be shown again.</p>
              <code data-testid="new-api-token" className="block break-all rounded bg-white px-2 py-1 font-mono dark:bg-slate-900">
                {state.message}
              </code>
            </div>
          )}
          <div className="flex flex-wrap items-end gap-3">
            <label className="flex-1 text-sm">
              <span className="mb-1 block font-medium">Token name</span>
              <input name="name" required maxLength={100} placeholder="e.g. Weekly report script" className={inputClass} {...invalid(state, "name")} />
            </label>
            <button type="submit" className={buttonPrimary} disabled={pending}>
              Create token
            </button>
          </div>
          <FieldError state={state} name="name" />
        </>
      )}
    </ActionForm>
  );
}

export function RevokeTokenButton({ action, name }: { action: Action; name: string }) {
  return (
    <ActionForm action={action} aria-label={`Revoke ${name}`}>
      {(state, pending) => (
        <>
          <button type="submit" className="text-sm text-rose-600 hover:underline dark:text-rose-400" disabled={pending}>
            Revoke
          </button>
          <FormError state={state} />
        </>
      )}
    </ActionForm>
  );
}

export function PreferencesForm({
  action,
  values,
  kinds,
  zones,
  companyZone,
}: {
  action: Action;
  values: { timeZone: string | null; email: Record<string, boolean> };
  kinds: { kind: string; label: string }[];
  zones: string[];
  companyZone: string;
}) {
  return (
    <ActionForm action={action} className="space-y-4" aria-label="Preferences">
      {(state, pending) => (
        <>
          <FormError state={state} />
          <div>
            <label htmlFor="timeZone" className="mb-1 block text-sm font-medium">
              Time zone
            </label>
            <input id="timeZone" name="timeZone" list="zones" defaultValue={values.timeZone ?? ""} placeholder={`Company default: ${companyZone}`} className={`${inputClass} max-w-xs`} {...invalid(state, "timeZone")} />
            <datalist id="zones">
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
            <FieldError state={state} name="timeZone" />
          </div>
          <fieldset>
            <legend className="mb-1 text-sm font-medium">Email me about</legend>
            {kinds.map((k) => (
              <label key={k.kind} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name={`email-${k.kind}`} defaultChecked={values.email[k.kind]} /> {k.label}
              </label>
            ))}
          </fieldset>
          <div className="flex items-center gap-3">
            <button type="submit" className={buttonPrimary} disabled={pending}>
              Save preferences
            </button>
            {state?.ok && <span className="text-sm text-emerald-700 dark:text-emerald-300">{state.message}</span>}
          </div>
        </>
      )}
    </ActionForm>
  );
}
