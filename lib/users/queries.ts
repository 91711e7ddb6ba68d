import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { departments, users, type Role } from "@/db/schema";

export type CurrentUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
  departmentId: number | null;
  departmentName: string | null;
  timeZone: string | null;
};

/** A person as the app works with them; select with a left join on departments. */
export const personColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  departmentId: users.departmentId,
  departmentName: departments.name,
  timeZone: users.timeZone,
};

/** The signed-in person, or null when the account is gone or deactivated (their session is then void). */
export async function findActiveUser(db: Db, userId: string): Promise<CurrentUser | null> {
  const [row] = await db
    .select(personColumns)
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(and(eq(users.id, userId), eq(users.active, true)));
  if (!row) return null;
  return { ...row, name: row.name ?? row.email };
}

export async function setHiddenFromLeaderboards(db: Db, userId: string, hidden: boolean): Promise<void> {
  await db.update(users).set({ hideFromLeaderboards: hidden, updatedAt: new Date() }).where(eq(users.id, userId));
}

export async function isHiddenFromLeaderboards(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ hidden: users.hideFromLeaderboards }).from(users).where(eq(users.id, userId));
  return row?.hidden ?? false;
}
