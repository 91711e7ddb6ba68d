import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { listDepartments } from "@/lib/missions/queries";
import { listUsers } from "@/lib/users/admin";
import { buttonSecondary, inputClass } from "../../_components/ui";
import { formatDateTime, timeZoneOf } from "../../_lib/format";
import { updateUserAction } from "../actions";
import { UserForm } from "../forms";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const admin = await requireUser();
  const { q = "" } = await searchParams;
  const db = await getDb();
  const [people, departments] = await Promise.all([listUsers(db, admin, q), listDepartments(db)]);
  const timeZone = await timeZoneOf(admin);
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Users</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        People appear here after their first sign-in. Deactivating someone signs them out everywhere and refuses their next sign-in.
      </p>
      <form role="search" className="flex gap-2">
        <input name="q" type="search" aria-label="Search users" defaultValue={q} placeholder="Name or email" className={`${inputClass} max-w-xs`} />
        <button className={buttonSecondary}>Search</button>
      </form>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {people.map((p) => (
          <li key={p.id} data-testid="admin-user" className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
            <div>
              <p className={p.active ? "font-medium" : "font-medium line-through"}>{p.name}</p>
              <p className="text-xs text-slate-500">
                {p.email} · {p.lastSignInAt ? `last signed in ${formatDateTime(p.lastSignInAt, timeZone)}` : "never signed in"}
                {p.active ? "" : " · deactivated"}
              </p>
            </div>
            <UserForm action={updateUserAction.bind(null, p.id)} user={p} departments={departments} />
          </li>
        ))}
      </ul>
    </section>
  );
}
