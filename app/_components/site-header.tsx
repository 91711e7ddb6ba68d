import Link from "next/link";
import { signOut } from "@/lib/auth/auth";
import type { CurrentUser } from "@/lib/users/queries";
import { buttonPrimary } from "./ui";

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/signin" });
}

const navLink = "rounded-md px-2.5 py-1.5 text-sm font-medium hover:bg-slate-100 dark:hover:bg-slate-800";

export function SiteHeader({ user, unreadCount }: { user: CurrentUser; unreadCount: number }) {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="font-semibold tracking-tight">
          Missions &amp; Achievements
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1">
          <Link href="/missions" id="tour-missions" className={navLink}>
            Missions
          </Link>
          <Link href="/achievements" id="tour-achievements" className={navLink}>
            Achievements
          </Link>
          <Link href="/leaderboard" className={navLink}>
            Leaderboard
          </Link>
          <Link href="/inbox" id="tour-inbox" className={navLink}>
            Inbox
            {unreadCount > 0 && (
              <span data-testid="inbox-count" aria-label={`${unreadCount} unread`} className="ml-1.5 rounded-full bg-indigo-600 px-1.5 py-0.5 text-xs text-white">
                {unreadCount}
              </span>
            )}
          </Link>
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <Link href="/missions/new" id="tour-create" className={buttonPrimary}>
            Create Mission
          </Link>
          <details className="relative" id="tour-user-menu">
            <summary className="flex cursor-pointer list-none items-center gap-3 rounded-md px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800" aria-label="User menu">
              <span className="text-right leading-tight">
                <span data-testid="current-user-name" className="block text-sm font-medium">
                  {user.name}
                </span>
                <span data-testid="current-user-department" className="block text-xs text-slate-500 dark:text-slate-400">
                  {user.departmentName ?? "No department"}
                </span>
              </span>
              <span aria-hidden className="text-xs">
                ▾
              </span>
            </summary>
            <div className="absolute right-0 z-10 mt-2 w-56 rounded-md border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
              <p className="truncate px-2 py-1 text-xs text-slate-500 dark:text-slate-400">{user.email}</p>
              <Link href={`/people/${user.id}`} className="block rounded px-2 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
                My profile
              </Link>
              <Link href="/settings" className="block rounded px-2 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
                Settings
              </Link>
              <Link href="/?tour=1" className="block rounded px-2 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
                View Tour
              </Link>
              {user.role === "admin" && (
                <Link href="/admin/users" className="block rounded px-2 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
                  Administration
                </Link>
              )}
              <form action={signOutAction}>
                <button type="submit" className="w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
                  Sign out
                </button>
              </form>
            </div>
          </details>
        </div>
      </div>
    </header>
  );
}
