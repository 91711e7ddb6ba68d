import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { listInbox } from "@/lib/notifications/inbox";
import { buttonSecondary, link } from "../_components/ui";
import { formatDateTime, timeZoneOf } from "../_lib/format";
import { markInboxReadAction, markNotificationReadAction } from "./actions";

export const metadata: Metadata = { title: "Inbox" };

const PAGE_SIZE = 30;

export default async function InboxPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireUser();
  const page = Math.max(1, Number((await searchParams).page) || 1);
  const { entries, total } = await listInbox(await getDb(), user.id, { page, pageSize: PAGE_SIZE });
  const timeZone = await timeZoneOf(user);
  return (
    <section className="space-y-5">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Inbox</h1>
        {entries.some((e) => !e.read) && (
          <form action={markInboxReadAction}>
            <button type="submit" className={buttonSecondary}>
              Mark all as read
            </button>
          </form>
        )}
      </div>
      {entries.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-500 dark:border-slate-700">
          Nothing here yet. Comments and status changes on your missions will show up here.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {entries.map((e) => (
            <li key={e.id} data-testid="inbox-entry" data-unread={!e.read} className={`flex items-start justify-between gap-3 px-4 py-3 ${e.read ? "" : "font-semibold"}`}>
              <div>
                {e.missionId || e.kind === "achievement" ? (
                  <Link href={e.missionId ? `/missions/${e.missionId}` : "/achievements"} className="hover:underline">
                    {e.message}
                  </Link>
                ) : (
                  e.message
                )}
                <p className="text-xs font-normal text-slate-500">{formatDateTime(e.createdAt, timeZone)}</p>
              </div>
              {!e.read && (
                <form action={markNotificationReadAction}>
                  <input type="hidden" name="id" value={e.id} />
                  <button type="submit" className={`text-xs font-normal ${link}`}>
                    Mark read
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      <nav aria-label="Pages" className="flex justify-between text-sm">
        {page > 1 ? (
          <Link className={link} href={`/inbox?page=${page - 1}`}>
            ← Newer
          </Link>
        ) : (
          <span />
        )}
        {page * PAGE_SIZE < total && (
          <Link className={link} href={`/inbox?page=${page + 1}`}>
            Older →
          </Link>
        )}
      </nav>
    </section>
  );
}
