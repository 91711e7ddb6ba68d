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
