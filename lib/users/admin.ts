import { asc, eq, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { escapeLike } from "@/db/sql-helpers";
import { departments, ROLES, sessions, users, type Role } from "@/db/schema";
import { forgetBearers } from "@/lib/api-tokens/bearer-cache";
import { requireAdmin } from "@/lib/auth/policy";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation/parse";
import { personColumns, type CurrentUser } from "./queries";

type Admin = Pick<CurrentUser, "id" | "role">;

export type AdminUserRow = { id: string; name: string; email: string; role: Role; departmentId: number | null; departmentName: string | null; active: boolean; lastSignInAt: Date | null };

export async function listUsers(db: Db, actor: Admin, query = ""): Promise<AdminUserRow[]> {
  requireAdmin(actor);
  const pattern = `%${escapeLike(query.trim())}%`;
  const rows = await db
    .select({ ...personColumns, active: users.active, lastSignInAt: users.lastSignInAt })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(query.trim() ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined)
    .orderBy(asc(users.name))
    .limit(500);
  return rows.map((r) => ({ ...r, name: r.name ?? r.email }));
}

const userUpdateSchema = z.object({
  role: z.enum(ROLES, { error: "Choose member, manager or admin." }),
  departmentId: z.union([z.literal("").transform(() => null), z.coerce.number().int().positive()]).nullable(),
  active: z.boolean(),
});

/** Role, department and active flag. Admins cannot demote or deactivate themselves (someone must stay admin). */
export async function updateUser(db: Db, actor: Admin, userId: string, input: unknown): Promise<void> {
  requireAdmin(actor);
  const data = parseOrThrow(userUpdateSchema, input);
  if (actor.id === userId && (data.role !== "admin" || !data.active)) throw new ConflictError("You cannot remove your own admin role or deactivate yourself.");
  if (data.departmentId !== null) {
    const [department] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, data.departmentId));
    if (!department) throw new ValidationError({ departmentId: ["Choose a department from the list."] });
  }
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({ role: data.role, departmentId: data.departmentId, active: data.active, updatedAt: sql`now()` })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (!updated) throw new NotFoundError("No such user.");
    if (!data.active) await tx.delete(sessions).where(eq(sessions.userId, userId));
  });
  forgetBearers(db);
}

const departmentName = z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(80, "Keep it under 80 characters.");

export async function saveDepartment(db: Db, actor: Admin, input: { id?: number | null; name: unknown }): Promise<void> {
  requireAdmin(actor);
  const name = parseOrThrow(z.object({ name: departmentName }), { name: input.name }).name;
  const [clash] = await db.select({ id: departments.id }).from(departments).where(eq(departments.name, name));
  if (clash && clash.id !== input.id) throw new ValidationError({ name: [`There is already a department called ${name}.`] });
  if (input.id) {
    const [renamed] = await db.update(departments).set({ name }).where(eq(departments.id, input.id)).returning({ id: departments.id });
    if (!renamed) throw new NotFoundError("No such department.");
    forgetBearers(db);
  } else {
    await db.insert(departments).values({ name });
  }
}

export async function listDepartmentsWithCounts(db: Db, actor: Admin) {
  requireAdmin(actor);
  return db
    .select({ id: departments.id, name: departments.name, people: sql<number>`count(${users.id})::int` })
    .from(departments)
    .leftJoin(users, eq(users.departmentId, departments.id))
    .groupBy(departments.id)
    .orderBy(asc(departments.name));
}
