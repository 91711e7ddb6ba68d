"use client";

import type { ActionState } from "../_lib/action-state";
import { ActionForm, FieldError, FormError, invalid } from "../_components/action-form";
import { buttonPrimary, buttonSecondary, inputClass } from "../_components/ui";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

function Saved({ state }: { state: ActionState }) {
  return state?.ok && state.message ? <span className="text-sm text-emerald-700 dark:text-emerald-300">{state.message}</span> : null;
}

export function UserForm({
  action,
  user,
  departments,
}: {
  action: Action;
  user: { name: string; role: string; departmentId: number | null; active: boolean };
  departments: { id: number; name: string }[];
}) {
  return (
    <ActionForm action={action} className="flex flex-wrap items-center gap-2" aria-label={`Edit ${user.name}`}>
      {(state, pending) => (
        <>
          <select name="role" aria-label={`Role of ${user.name}`} defaultValue={user.role} className={`${inputClass} w-32`}>
            <option value="member">Member</option>
            <option value="manager">Manager</option>
            <option value="admin">Admin</option>
          </select>
          <select name="departmentId" aria-label={`Department of ${user.name}`} defaultValue={user.departmentId ?? ""} className={`${inputClass} w-44`}>
            <option value="">No department</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          <label className="flex items-center gap-1 text-sm">
            <input type="checkbox" name="active" defaultChecked={user.active} aria-label={`${user.name} is active`} /> Active
          </label>
          <button type="submit" className={buttonSecondary} disabled={pending}>
            Save
          </button>
          <Saved state={state} />
          <FormError state={state} />
        </>
      )}
    </ActionForm>
  );
}

export function DepartmentForm({ action, name }: { action: Action; name?: string }) {
  return (
    <ActionForm action={action} className="flex flex-wrap items-start gap-2" aria-label={name ? `Rename ${name}` : "New department"}>
      {(state, pending) => (
        <>
          <div>
            <input name="name" aria-label={name ? `Name of ${name}` : "New department name"} defaultValue={name ?? ""} placeholder="Finance" className={`${inputClass} w-64`} {...invalid(state, "name")} />
            <FieldError state={state} name="name" />
          </div>
          <button type="submit" className={buttonSecondary} disabled={pending}>
            {name ? "Rename" : "Add department"}
          </button>
          <Saved state={state} />
        </>
      )}
    </ActionForm>
  );
}

export function CompanySettingsForm({ action, values, zones }: { action: Action; values: { allowedDomains: string; timeZone: string; attachmentMaxMb: number }; zones: string[] }) {
  return (
    <ActionForm action={action} className="max-w-xl space-y-4" aria-label="Company settings">
      {(state, pending) => (
        <>
          <FormError state={state} />
          <div>
            <label htmlFor="allowedDomains" className="mb-1 block text-sm font-medium">
              Allowed email domains
            </label>
            <textarea id="allowedDomains" name="allowedDomains" rows={2} defaultValue={values.allowedDomains} className={inputClass} {...invalid(state, "allowedDomains")} />
            <p className="mt-1 text-xs text-slate-500">Comma or space separated. Only these may sign in.</p>
            <FieldError state={state} name="allowedDomains" />
          </div>
          <div>
            <label htmlFor="timeZone" className="mb-1 block text-sm font-medium">
              Company time zone
            </label>
            <input id="timeZone" name="timeZone" list="zones" defaultValue={values.timeZone} className={inputClass} {...invalid(state, "timeZone")} />
            <datalist id="zones">
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
            <p className="mt-1 text-xs text-slate-500">Weeks (from Monday), weekends and leaderboards use it, and people who have not chosen their own.</p>
            <FieldError state={state} name="timeZone" />
          </div>
          <div>
            <label htmlFor="attachmentMaxMb" className="mb-1 block text-sm font-medium">
              Largest attachment (MB)
            </label>
            <input id="attachmentMaxMb" name="attachmentMaxMb" type="number" min={1} max={100} defaultValue={values.attachmentMaxMb} className={`${inputClass} w-32`} {...invalid(state, "attachmentMaxMb")} />
            <FieldError state={state} name="attachmentMaxMb" />
          </div>
          <div className="flex items-center gap-3">
            <button type="submit" className={buttonPrimary} disabled={pending}>
              Save settings
            </button>
            <Saved state={state} />
          </div>
        </>
      )}
    </ActionForm>
  );
}
