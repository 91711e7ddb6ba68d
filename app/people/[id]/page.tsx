import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { achievementsOf } from "@/lib/achievements/progress";
import { requireUser } from "@/lib/auth/session";
import { levelFor } from "@/lib/points/levels";
import { pointsOf } from "@/lib/points/leaderboard";
import { findActiveUser } from "@/lib/users/queries";
import { EarnedBadges, LevelCard } from "../../achievements/badges";
import { formatDateTime, timeZoneOf } from "../../_lib/format";

export const metadata: Metadata = { title: "Profile" };

/** Another person's badges and level; everyone signed in may look. */
export default async function ProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireUser();
  const db = await getDb();
  const person = await findActiveUser(db, (await params).id);
  if (!person) notFound();
  const [list, points] = await Promise.all([achievementsOf(db, person.id, { withProgress: false }), pointsOf(db, person.id)]);
  const timeZone = await timeZoneOf(viewer);
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{person.name}</h1>
        <p className="text-slate-500">{person.departmentName ?? "No department"}</p>
      </div>
      <div className="max-w-sm">
        <LevelCard standing={levelFor(points)} />
      </div>
      <section aria-labelledby="badges-heading" className="space-y-3">
        <h2 id="badges-heading" className="text-lg font-semibold">
          Badges
        </h2>
        <EarnedBadges list={list} format={(d) => formatDateTime(d, timeZone)} />
      </section>
    </section>
  );
}
