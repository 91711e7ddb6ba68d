import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { countUnread } from "@/lib/notifications/inbox";
import { LiveUpdates } from "./_components/live-updates";
import { SiteHeader } from "./_components/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Missions & Achievements", template: "%s · Missions & Achievements" },
  description: "Challenge your co-workers and earn badges for good work.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  const unreadCount = user ? await countUnread(await getDb(), user.id) : 0;
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">
        {user && <SiteHeader user={user} unreadCount={unreadCount} />}
        <main className="mx-auto w-full max-w-5xl px-4 py-8">{children}</main>
        {user && <LiveUpdates />}
      </body>
    </html>
  );
}
