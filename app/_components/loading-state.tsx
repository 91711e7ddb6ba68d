/**
 * Shown while a page loads. Used by segments that never answer 404: under a loading boundary the
 * page streams, and notFound() would then arrive after a 200 status (so there is none at the root).
 */
export function LoadingState() {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-3 py-12 text-slate-500">
      <span className="h-5 w-5 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-600" aria-hidden />
      Loading…
    </div>
  );
}
