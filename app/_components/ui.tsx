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

const STATUS_COLOURS: Record<MissionStatus, string> = {
  open: "bg-sky-100 text-sky-800 dark:bg-sky-900/50 dark:text-sky-200",
  in_progress: "bg-amber-100 text-amber-800 dark:bg-amber-900/50 dark:text-amber-200",
  awaiting_acceptance: "bg-violet-100 text-violet-800 dark:bg-violet-900/50 dark:text-violet-200",
  accepted: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200",
  rejected: "bg-rose-100 text-rose-800 dark:bg-rose-900/50 dark:text-rose-200",
  cancelled: "bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200",
};

export function StatusBadge({ status }: { status: MissionStatus }) {
  return (
    <span data-testid="mission-status" className={`inline-block whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ${STATUS_COLOURS[status]}`}>
      {STATUS_LABELS[status]}
    </span>
  );
}
