import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { listMissions } from "@/lib/missions/queries";
import { missionListSchema } from "@/lib/validation/missions";
import { formatDateTime, timeZoneOf } from "../_lib/format";
import { markAllReadAction } from "./actions";
import { MissionList } from "./mission-list";

export const metadata: Metadata = { title: "Missions" };

export default async function MissionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const parsed = missionListSchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : missionListSchema.parse({});
  const result = await listMissions(await getDb(), user, query);
  const timeZone = await timeZoneOf(user);
  const rows = result.rows.map((m) => ({
    id: m.id,
    headline: m.headline,
    owner: m.owner.name,
    reward: m.reward,
    due: m.dueAt ? formatDateTime(m.dueAt, timeZone) : null,
    overdue: m.overdue,
    status: m.status,
    comments: m.commentCount,
    unread: m.unread,
  }));
  return <MissionList query={query} rows={rows} page={result.page} hasMore={result.hasMore} markAllRead={markAllReadAction} />;
}
