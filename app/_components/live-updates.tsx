"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { toast, Toaster } from "sonner";

type NotificationData = { id: number; kind: string; message: string; missionId: number | null };

/**
 * Listens to the server's event stream: a new notification shows a toast that does not take focus
 * and refreshes the server-rendered parts (inbox count, the mission being viewed); a change to the
 * mission on screen refreshes it too. No page reload, nothing typed is lost.
 */
export function LiveUpdates() {
  const router = useRouter();
  const pathname = usePathname();
  const path = useRef(pathname);
  useEffect(() => {
    path.current = pathname;
  }, [pathname]);

  useEffect(() => {
    const source = new EventSource("/api/events");
    source.addEventListener("notification", (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as NotificationData;
      toast(data.message, {
        id: `notification-${data.id}`,
        action: data.missionId
          ? { label: "Open", onClick: () => router.push(`/missions/${data.missionId}`) }
          : data.kind === "achievement"
            ? { label: "View", onClick: () => router.push("/achievements") }
            : undefined,
      });
      router.refresh();
    });
    source.addEventListener("mission", (event) => {
      const { id } = JSON.parse((event as MessageEvent<string>).data) as { id: number };
      if (path.current === `/missions/${id}` || path.current === "/missions") router.refresh();
    });
    return () => source.close();
  }, [router]);

  return <Toaster position="bottom-right" closeButton richColors={false} toastOptions={{ duration: 8000 }} />;
}
