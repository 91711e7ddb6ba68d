import Link from "next/link";
import { signOut } from "@/lib/auth/auth";
import type { CurrentUser } from "@/lib/users/queries";

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/signin" });
}

export function SiteHeader({ user }: { user: CurrentUser }) {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="font-semibold tracking-tight">
          Missions &amp; Achievements
        </Link>
        <details className="relative">
          <summary className="flex cursor-pointer list-none items-center gap-3 rounded-md px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800" aria-label="User menu">
            <span className="text-right leading-tight">
              <span data-testid="current-user-name" className="block text-sm font-medium">
                {user.name}
              </span>
              <span data-testid="current-user-department" className="block text-xs text-slate-500 dark:text-slate-400">
                {user.departmentName ?? "No department"}
              </span>
            </span>
            <span aria-hidden className="text-xs">▾</span>
          </summary>
          <div className="absolute right-0 z-10 mt-2 w-56 rounded-md border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
            <p className="truncate px-2 py-1 text-xs text-slate-500 dark:text-slate-400">{user.email}</p>
            <form action={signOutAction}>
              <button type="submit" className="w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
                Sign out
              </button>
            </form>
          </div>
        </details>
      </div>
    </header>
  );
}
