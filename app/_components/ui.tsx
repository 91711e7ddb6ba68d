import type { MissionStatus } from "@/db/schema";
import { STATUS_LABELS } from "@/lib/missions/lifecycle";

export const buttonPrimary =
  "inline-flex items-center justify-center rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400";
export const buttonSecondary =
  "inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800";
export const buttonDanger =
  "inline-flex items-center justify-center rounded-md bg-rose-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-rose-500 disabled:opacity-60 focus:outline-none focus-visible:ring-2 focus-visible:ring-rose-400";
export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 dark:border-slate-600 dark:bg-slate-900";
export const card = "rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900";
export const link = "text-indigo-700 underline underline-offset-2 hover:decoration-2 dark:text-indigo-300";

export function StatusBadge({ status }: { status: MissionStatus }) {
  return (
    // Styled in globals.css by data-status: the class list once in CSS, not in every row of a long list.
    <span data-testid="mission-status" data-status={status} className="status-badge">
      {STATUS_LABELS[status]}
    </span>
  );
}
