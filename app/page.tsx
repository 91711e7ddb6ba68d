import { requireUser } from "@/lib/auth/session";

export default async function HomePage() {
  const user = await requireUser();
  return (
    <section>
      <h1 className="text-2xl font-semibold">Welcome, {user.name}</h1>
      <dl className="mt-6 grid max-w-md grid-cols-[8rem_1fr] gap-y-2 text-sm">
        <dt className="text-slate-500 dark:text-slate-400">Email</dt>
        <dd>{user.email}</dd>
        <dt className="text-slate-500 dark:text-slate-400">Department</dt>
        <dd>{user.departmentName ?? "None"}</dd>
        <dt className="text-slate-500 dark:text-slate-400">Role</dt>
        <dd className="capitalize">{user.role}</dd>
      </dl>
    </section>
  );
}
