"use client";

import { useState } from "react";
import type { ActionState } from "../_lib/action-state";
import { ActionForm, FieldError, FormError, invalid } from "../_components/action-form";
import { buttonPrimary, inputClass } from "../_components/ui";

export type MissionFormValues = {
  description: string;
  reward: string;
  dueAt: string;
  audience: "everyone" | number[];
  parentId: number | null;
};

type Props = {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  values: MissionFormValues;
  departments: { id: number; name: string }[];
  /** Missions this one may help with; omitted when editing (the link is fixed at creation). */
  parents?: { id: number; headline: string }[];
  timeZone: string;
  maxUploadMb: number;
  submitLabel: string;
};

export function MissionForm({ action, values, departments, parents, timeZone, maxUploadMb, submitLabel }: Props) {
  const [everyone, setEveryone] = useState(values.audience === "everyone");
  return (
    <ActionForm action={action} className="space-y-5" aria-label="Mission">
      {(state, pending) => (
        <>
          <FormError state={state} />
          <div>
            <label htmlFor="description" className="mb-1 block text-sm font-medium">
              Description
            </label>
            <textarea id="description" name="description" rows={5} required defaultValue={values.description} className={inputClass} {...invalid(state, "description")} />
            <p className="mt-1 text-xs text-slate-500">The first line is the mission&apos;s headline in lists.</p>
            <FieldError state={state} name="description" />
          </div>
          <div>
            <label htmlFor="reward" className="mb-1 block text-sm font-medium">
              Reward
            </label>
            <input id="reward" name="reward" required placeholder="Dinner on me" defaultValue={values.reward} className={inputClass} {...invalid(state, "reward")} />
            <FieldError state={state} name="reward" />
          </div>
          <div>
            <label htmlFor="dueAt" className="mb-1 block text-sm font-medium">
              Due On
            </label>
            <input id="dueAt" name="dueAt" type="datetime-local" defaultValue={values.dueAt} className={`${inputClass} max-w-xs`} {...invalid(state, "dueAt")} />
            <p className="mt-1 text-xs text-slate-500">Optional. Time zone: {timeZone}.</p>
            <FieldError state={state} name="dueAt" />
          </div>
          <fieldset>
            <legend className="mb-1 text-sm font-medium">Who can take it on</legend>
            <div className="flex flex-wrap gap-4 text-sm">
              <label className="flex items-center gap-2">
                <input type="radio" name="audience" value="everyone" checked={everyone} onChange={() => setEveryone(true)} /> Everyone
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="audience" value="departments" checked={!everyone} onChange={() => setEveryone(false)} /> Chosen departments
              </label>
            </div>
            {!everyone && (
              <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
                {departments.map((d) => (
                  <label key={d.id} className="flex items-center gap-2">
                    <input type="checkbox" name="departmentIds" value={d.id} defaultChecked={values.audience !== "everyone" && values.audience.includes(d.id)} />
                    {d.name}
                  </label>
                ))}
              </div>
            )}
            <FieldError state={state} name="audience" />
          </fieldset>
          {parents && (
            <div>
              <label htmlFor="parentId" className="mb-1 block text-sm font-medium">
                Helps with mission
              </label>
              <select id="parentId" name="parentId" defaultValue={values.parentId ?? ""} className={inputClass} {...invalid(state, "parentId")}>
                <option value="">None</option>
                {parents.map((p) => (
                  <option key={p.id} value={p.id}>
                    #{p.id} {p.headline}
                  </option>
                ))}
              </select>
              <FieldError state={state} name="parentId" />
            </div>
          )}
          {parents && (
            <div>
              <label htmlFor="attachments" className="mb-1 block text-sm font-medium">
                Attachments
              </label>
              <input id="attachments" name="attachments" type="file" multiple className="text-sm" {...invalid(state, "attachments")} />
              <p className="mt-1 text-xs text-slate-500">Up to {maxUploadMb} MB each.</p>
              <FieldError state={state} name="attachments" />
            </div>
          )}
          <button type="submit" className={buttonPrimary} disabled={pending}>
            {pending ? "Saving…" : submitLabel}
          </button>
        </>
      )}
    </ActionForm>
  );
}
