"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { MouseEvent } from "react";
import type { MissionStatus } from "@/db/schema";
import { STATUS_LABELS } from "@/lib/missions/lifecycle";
import type { MissionFilter, MissionListQuery } from "@/lib/validation/missions";
import { buttonPrimary, buttonSecondary, inputClass, link, StatusBadge } from "../_components/ui";

/** One row of the Missions list, as plain data: the page sends 50 of these, not 50 element trees. */
export type MissionRow = {
  id: number;
  headline: string;
  owner: string;
  reward: string;
  due: string | null;
  overdue: boolean;
  status: MissionStatus;
  comments: number;
  unread: boolean;
};

// From the labels, not db/schema's MISSION_STATUSES: that would bring Drizzle into the browser bundle.
const STATUSES = Object.keys(STATUS_LABELS) as MissionStatus[];

const FILTERS: { value: MissionFilter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "created", label: "Created" },
  { value: "available", label: "Available" },
  { value: "mine", label: "My Missions" },
];

function hrefFor(query: MissionListQuery, change: Partial<MissionListQuery>): string {
  const next = { ...query, page: 1, ...change };
  const params = new URLSearchParams();
  if (next.filter !== "all") params.set("filter", next.filter);
  if (next.status) params.set("status", next.status);
  if (next.q) params.set("q", next.q);
  if (next.sort !== "activity") params.set("sort", next.sort);
  if (next.page > 1) params.set("page", String(next.page));
  const text = params.toString();
  return text ? `/missions?${text}` : "/missions";
}

/**
 * The Missions list as plain data in, markup out. A client component so that the page sends its
 * rows as data (a few kB) rather than as element trees, which React would serialize into the page
 * and parse back for every request: with 50 rows that was most of the page's server time.
 */
export function MissionList({
  query,
  rows,
  page,
  hasMore,
  markAllRead,
}: {
  query: MissionListQuery;
  rows: MissionRow[];
  page: number;
  hasMore: boolean;
  markAllRead: () => Promise<void>;
}) {
  const router = useRouter();
  // The rows' links are plain anchors, opened in the app by this one handler: 50 <Link>s cost
  // ~120 µs of server render per page (profiled), and each prefetched its mission once visible.
  const openInApp = (event: MouseEvent) => {
    const anchor = (event.target as Element).closest("a");
    if (!anchor || anchor.target || anchor.hasAttribute("download") || event.defaultPrevented) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    router.push(anchor.getAttribute("href")!);
  };
  return (
    <section className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Missions</h1>
        <div className="flex gap-2">
          <form action={markAllRead}>
            <button type="submit" className={buttonSecondary}>
              Mark all as read
            </button>
          </form>
          <Link href="/missions/new" className={buttonPrimary}>
            Create Mission
          </Link>
        </div>
      </div>

      <nav aria-label="Mission filters" className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-800">
        {FILTERS.map((f) => (
          <Link
            key={f.value}
            href={hrefFor(query, { filter: f.value })}
            aria-current={query.filter === f.value ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${query.filter === f.value ? "border-indigo-600 text-indigo-700 dark:text-indigo-300" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400"}`}
          >
            {f.label}
          </Link>
        ))}
      </nav>

      <form method="get" action="/missions" className="flex flex-wrap items-end gap-3" role="search">
        {query.filter !== "all" && <input type="hidden" name="filter" value={query.filter} />}
        <label className="flex-1 text-sm">
          <span className="mb-1 block font-medium">Search</span>
          <input name="q" type="search" defaultValue={query.q ?? ""} placeholder="Description or reward" className={inputClass} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Status</span>
          <select name="status" defaultValue={query.status ?? ""} className={inputClass}>
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Sort by</span>
          <select name="sort" defaultValue={query.sort} className={inputClass}>
            <option value="activity">Latest activity</option>
            <option value="due">Due date</option>
          </select>
        </label>
        <button type="submit" className={buttonSecondary}>
          Apply
        </button>
      </form>

      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-500 dark:border-slate-700">
          {query.filter === "available" ? "No missions are waiting for you right now." : "No missions match."}{" "}
          <Link href="/missions/new" className={link}>
            Create one
          </Link>
          .
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
          {/* Cell padding and the bold of unread rows come from the table: less markup in every one of 50 rows. */}
          <table className="w-full text-left text-sm [&_td]:px-3 [&_td]:py-2 [&_th]:px-3 [&_th]:py-2 [&_tr[data-unread=true]]:font-semibold">
            <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-700 dark:bg-slate-800 dark:text-slate-300">
              <tr>
                <th>Mission</th>
                <th>Owner</th>
                <th>Reward</th>
                <th>Due</th>
                <th>Status</th>
                <th className="text-right">Comments</th>
              </tr>
            </thead>
            <tbody onClick={openInApp} className="divide-y divide-slate-200 bg-white dark:divide-slate-800 dark:bg-slate-900">
              {rows.map((m) => (
                <tr key={m.id} data-testid="mission-row" data-unread={m.unread}>
                  <td className="max-w-xs">
                    {m.unread && <span className="sr-only">Unread: </span>}
                    <a href={`/missions/${m.id}`} className="hover:underline">
                      {m.headline}
                    </a>
                  </td>
                  <td>{m.owner}</td>
                  <td>{m.reward}</td>
                  <td className="whitespace-nowrap">
                    {m.due ?? "—"}
                    {m.overdue && <span className="ml-1.5 rounded bg-rose-100 px-1.5 text-xs text-rose-700 dark:bg-rose-900 dark:text-rose-200">Overdue</span>}
                  </td>
                  <td>
                    <StatusBadge status={m.status} />
                  </td>
                  <td className="text-right tabular-nums">{m.comments}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {(page > 1 || hasMore) && (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          {query.page > 1 ? (
            <Link href={hrefFor(query, { page: query.page - 1 })} className={link}>
              ← Previous
            </Link>
          ) : (
            <span />
          )}
          <span>Page {page}</span>
          {hasMore ? (
            <Link href={hrefFor(query, { page: query.page + 1 })} className={link}>
              Next →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </section>
  );
}
