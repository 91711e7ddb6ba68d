"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * The layout (header counts) renders alongside the page, so when the page itself changes what the
 * header shows (opening a mission reads its notifications), one refresh brings the header up to date.
 */
export function RefreshOnce() {
  const router = useRouter();
  useEffect(() => router.refresh(), [router]);
  return null;
}
