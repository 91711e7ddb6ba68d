import Link from "next/link";
import { Suspense } from "react";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { dashboardFor } from "@/lib/dashboard";
import { hasSeenTour } from "@/lib/users/tour";
import { LevelCard } from "./achievements/badges";
import { QuickStartTour } from "./_components/quick-start-tour";
import { card, link, StatusBadge } from "./_components/ui";
import { formatDateTime, timeZoneOf } from "./_lib/format";

function Panel({ title, id, children, more }: { title: string; id?: string; children: React.ReactNode; more?: { href: string; label: string } }) {
  return (
    <section id={id} className={`${card} space-y-3`} aria-label={title}>
      <div className="flex items-center justify-between">
        <h2 className="font-semibold">{title}</h2>
        {more && (
          <Link href={more.href} className={`text-sm ${link}`}>
            {more.label}
          </Link>
        )}
      </div>
      {children}
    </section>
  );
}

function Empty({ children }: { children: React.ReactNode }) {
  return <p className="text-sm text-slate-500">{children}</p>;
}

export default async function HomePage() {
  const user = await requireUser();
  const db = await getDb();
  const [data, seenTour, timeZone] = await Promise.all([dashboardFor(db, user), hasSeenTour(db, user.id), timeZoneOf(user)]);
  return (
    <div className="space-y-6">
      <Suspense>
        <QuickStartTour offer={!seenTour} />
      </Suspense>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">Welcome, {user.name}</h1>
        <Link href="/inbox" className={link}>
          {data.unread === 0 ? "Inbox: all read" : `${data.unread} unread in your inbox`}
        </Link>
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Panel title="Your missions in progress" more={{ href: "/missions?filter=mine", label: "My Missions" }}>
            {data.inProgress.length === 0 ? (
              <Empty>You are not working on a mission. Pick one from the available ones.</Empty>
            ) : (
              <ul className="space-y-2">
                {data.inProgress.map((m) => (
                  <li key={m.id} className="flex items-center justify-between gap-2 text-sm">
                    <Link href={`/missions/${m.id}`} className={link}>
                      {m.headline}
                    </Link>
                    <span className="flex items-center gap-2">
                      {m.dueAt && <span className="text-slate-500">due {formatDateTime(m.dueAt, timeZone)}</span>}
                      <StatusBadge status={m.status} />
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel title="Awaiting your acceptance">
            {data.awaitingMe.length === 0 ? (
              <Empty>Nothing is waiting for your decision.</Empty>
            ) : (
              <ul className="space-y-2 text-sm">
                {data.awaitingMe.map((m) => (
                  <li key={m.id}>
                    <Link href={`/missions/${m.id}`} className={link}>
                      {m.headline}
                    </Link>{" "}
                    <span className="text-slate-500">· {m.ownerName}</span>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel title="Available for you" id="tour-available" more={{ href: "/missions?filter=available", label: "All available" }}>
            {data.available.length === 0 ? (
              <Empty>No open missions for you right now.</Empty>
            ) : (
              <ul className="space-y-2 text-sm">
                {data.available.map((m) => (
                  <li key={m.id} className={m.unread ? "font-semibold" : ""}>
                    <Link href={`/missions/${m.id}`} className={link}>
                      {m.headline}
                    </Link>{" "}
                    <span className="font-normal text-slate-500">
                      · {m.owner.name} · {m.reward}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
        </div>
        <div className="space-y-6">
          <LevelCard standing={data.level} />
          <Panel title="Recent achievements" more={{ href: "/achievements", label: "My Achievements" }}>
            {data.recent.length === 0 ? (
              <Empty>Your badges will show up here.</Empty>
            ) : (
              <ul className="space-y-1 text-sm">
                {data.recent.map((a) => (
                  <li key={`${a.name}-${a.grantedAt.toISOString()}`}>
                    <span aria-hidden>{a.icon}</span> {a.name} <span className="text-slate-500">· {formatDateTime(a.grantedAt, timeZone)}</span>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel title="This week's leaderboard" more={{ href: "/leaderboard", label: "Full table" }}>
            {data.weekTop.length === 0 ? (
              <Empty>No points yet this week.</Empty>
            ) : (
              <ol className="space-y-1 text-sm">
                {data.weekTop.map((r) => (
                  <li key={r.userId} className="flex justify-between">
                    <span>
                      {r.rank}. {r.name}
                    </span>
                    <span className="tabular-nums">{r.points}</span>
                  </li>
                ))}
              </ol>
            )}
          </Panel>
        </div>
      </div>
    </div>
  );
}
