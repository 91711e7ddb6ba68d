/** The frame shared by the sign-in page and its refusal and error pages. */
export function AuthCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto mt-16 max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <p className="text-sm font-medium text-indigo-600 dark:text-indigo-400">Missions &amp; Achievements</p>
      <h1 className="mt-1 text-2xl font-semibold">{title}</h1>
      <div className="mt-4 space-y-4 text-slate-600 dark:text-slate-300">{children}</div>
    </div>
  );
}

export const primaryButton =
  "inline-flex w-full items-center justify-center rounded-md bg-indigo-600 px-4 py-2.5 font-medium text-white hover:bg-indigo-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400";
