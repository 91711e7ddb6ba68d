import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { listDepartmentsWithCounts } from "@/lib/users/admin";
import { saveDepartmentAction } from "../actions";
import { DepartmentForm } from "../forms";

export const metadata: Metadata = { title: "Departments" };

export default async function AdminDepartmentsPage() {
  const admin = await requireUser();
  const departments = await listDepartmentsWithCounts(await getDb(), admin);
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Departments</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">Sign-in also creates departments from the identity provider&apos;s department claim.</p>
      <ul className="space-y-2">
        {departments.map((d) => (
          <li key={d.id} className="flex items-center gap-3">
            <DepartmentForm action={saveDepartmentAction.bind(null, d.id)} name={d.name} />
            <span className="text-sm text-slate-500">{d.people} people</span>
          </li>
        ))}
      </ul>
      <DepartmentForm action={saveDepartmentAction.bind(null, null)} />
    </section>
  );
}
