import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { achievements, missions, userAchievements, users } from "@/db/schema";
import { levelFor } from "@/lib/points/levels";
import { leaderboard, pointsOf } from "@/lib/points/leaderboard";
import { companyTimeZone } from "@/lib/settings/company";
import type { CurrentUser } from "@/lib/users/queries";
import { missionListSchema } from "@/lib/validation/missions";
import { countUnread } from "@/lib/notifications/inbox";
import { listMissions } from "./missions/queries";

/** Everything the home page shows, gathered in parallel. */
export async function dashboardFor(db: Db, user: CurrentUser) {
  const owner = alias(users, "owner");
  const mayAccept =
    user.role === "admin"
      ? sql`true`
      : user.role === "manager" && user.departmentId !== null
        ? or(eq(missions.ownerId, user.id), eq(owner.departmentId, user.departmentId))!
        : eq(missions.ownerId, user.id);
  const timeZone = await companyTimeZone(db);
  const [inProgress, awaitingMe, available, recent, points, weekTop, unread] = await Promise.all([
    db
      .select({ id: missions.id, headline: missions.headline, status: missions.status, dueAt: missions.dueAt })
      .from(missions)
      .where(and(eq(missions.takerId, user.id), inArray(missions.status, ["in_progress", "rejected"])))
      .orderBy(sql`${missions.dueAt} asc nulls last`)
      .limit(10),
    db
      .select({ id: missions.id, headline: missions.headline, ownerName: owner.name })
      .from(missions)
      .innerJoin(owner, eq(owner.id, missions.ownerId))
      .where(and(eq(missions.status, "awaiting_acceptance"), mayAccept))
      .orderBy(desc(missions.lastActivityAt))
      .limit(10),
    listMissions(db, user, missionListSchema.parse({ filter: "available", pageSize: 5 })),
    db
      .select({ name: achievements.name, icon: achievements.icon, grantedAt: userAchievements.grantedAt })
      .from(userAchievements)
      .innerJoin(achievements, eq(achievements.id, userAchievements.achievementId))
      .where(eq(userAchievements.userId, user.id))
      .orderBy(desc(userAchievements.grantedAt))
      .limit(5),
    pointsOf(db, user.id),
    leaderboard(db, "week", { timeZone, limit: 5 }),
    countUnread(db, user.id),
  ]);
  return { inProgress, awaitingMe, available: available.rows, recent, level: levelFor(points), weekTop, unread };
}
