import Link from "next/link";
import { notFound } from "next/navigation";
import { isAdmin } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";

const SECTIONS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/departments", label: "Departments" },
  { href: "/admin/settings", label: "Company settings" },
  { href: "/admin/achievements", label: "Achievements" },
];

/** Admin pages do not exist for anyone else (404); each page and action checks again. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  if (!isAdmin(user)) notFound();
  return (
    <div className="space-y-6">
      <nav aria-label="Administration" className="flex flex-wrap gap-1 border-b border-slate-200 text-sm dark:border-slate-800">
        {SECTIONS.map((s) => (
          <Link key={s.href} href={s.href} className="px-3 py-2 font-medium text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white">
            {s.label}
          </Link>
        ))}
      </nav>
      {children}
    </div>
  );
}
