import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";

export async function hasSeenTour(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ seen: users.tourSeenAt }).from(users).where(eq(users.id, userId));
  return !!row?.seen;
}

/** Finishing or declining the tour; it is then offered no more (View Tour still starts it). */
export async function markTourSeen(db: Db, userId: string): Promise<void> {
  await db.update(users).set({ tourSeenAt: sql`coalesce(${users.tourSeenAt}, now())` }).where(eq(users.id, userId));
}
