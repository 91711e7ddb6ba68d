"use client";

import type { ActionState } from "../_lib/action-state";
import { ActionForm, FormError } from "./action-form";
import { buttonSecondary } from "./ui";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** A one-button form for on/off settings, showing the server's refusal if there is one. */
export function SwitchButton({ action, label, danger }: { action: Action; label: string; danger?: boolean }) {
  return (
    <ActionForm action={action} aria-label={label}>
      {(state, pending) => (
        <>
          <button type="submit" className={danger ? `${buttonSecondary} text-rose-700 dark:text-rose-300` : buttonSecondary} disabled={pending}>
            {label}
          </button>
          <FormError state={state} />
        </>
      )}
    </ActionForm>
  );
}

