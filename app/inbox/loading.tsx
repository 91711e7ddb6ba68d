/** Shown while the page loads. (Not at the root: a streamed page cannot answer 404 for notFound().) */
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-3 py-12 text-slate-500">
      <span className="h-5 w-5 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-600" aria-hidden />
      Loading…
    </div>
  );
}
