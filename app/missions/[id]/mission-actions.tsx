"use client";

import { useState } from "react";
import type { MissionAction } from "@/lib/missions/lifecycle";
import type { ActionState } from "../../_lib/action-state";
import { ActionForm, FieldError, FormError } from "../../_components/action-form";
import { buttonDanger, buttonPrimary, buttonSecondary, inputClass } from "../../_components/ui";

const LABELS: Record<MissionAction, string> = { start: "Start", complete: "Complete", accept: "Accept", reject: "Reject", withdraw: "Withdraw", cancel: "Cancel" };
const NEEDS_REASON: MissionAction[] = ["reject", "cancel"];
const REASON_PROMPT: Record<string, { label: string; confirm: string }> = {
  reject: { label: "Why are you rejecting it?", confirm: "Confirm rejection" },
  cancel: { label: "Why are you cancelling it?", confirm: "Confirm cancellation" },
};

/** Exactly the buttons the server says this person may use; Reject and Cancel ask for a reason first. */
export function MissionActions({ action, actions }: { action: (state: ActionState, form: FormData) => Promise<ActionState>; actions: MissionAction[] }) {
  const [asking, setAsking] = useState<MissionAction | null>(null);
  if (actions.length === 0) return null;
  return (
    <ActionForm
      action={async (state, form) => {
        const result = await action(state, form);
        if (result?.ok) setAsking(null);
        return result;
      }}
      className="space-y-3"
      aria-label="Mission actions"
    >
      {(state, pending) => (
        <>
          <FormError state={state} />
          <div className="flex flex-wrap gap-2">
            {actions.map((a) =>
              NEEDS_REASON.includes(a) ? (
                <button key={a} type="button" className={a === "cancel" ? buttonSecondary : buttonDanger} onClick={() => setAsking(a)} disabled={pending}>
                  {LABELS[a]}
                </button>
              ) : (
                <button key={a} type="submit" name="action" value={a} className={a === "withdraw" ? buttonSecondary : buttonPrimary} disabled={pending}>
                  {LABELS[a]}
                </button>
              ),
            )}
          </div>
          {asking && (
            <div className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700">
              <label htmlFor="note" className="block text-sm font-medium">
                {REASON_PROMPT[asking].label}
              </label>
              <textarea id="note" name="note" rows={2} required autoFocus className={inputClass} />
              <FieldError state={state} name="note" />
              <div className="flex gap-2">
                <button type="submit" name="action" value={asking} className={buttonDanger} disabled={pending}>
                  {REASON_PROMPT[asking].confirm}
                </button>
                <button type="button" className={buttonSecondary} onClick={() => setAsking(null)}>
                  Back
                </button>
              </div>
            </div>
          )}
        </>
      )}
    </ActionForm>
  );
}
