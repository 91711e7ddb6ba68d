import { sql } from "drizzle-orm";
import { DEMO_ADMIN_GROUP, DEMO_DEPARTMENTS, DEMO_MANAGER_GROUP, DEMO_PEOPLE } from "@/lib/demo-directory";
import type { Db } from "./client";
import { departments, users, type Role } from "./schema";

function demoRole(groups: string[]): Role {
  if (groups.includes(DEMO_ADMIN_GROUP)) return "admin";
  if (groups.includes(DEMO_MANAGER_GROUP)) return "manager";
  return "member";
}

/**
 * Creates the demo company. Idempotent: existing rows are left as they are, so what people changed
 * while trying the app survives a restart.
 */
export async function seedDemoCompany(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(departments)
      .values(DEMO_DEPARTMENTS.map((name) => ({ name })))
      .onConflictDoNothing();
    const rows = await tx.select({ id: departments.id, name: departments.name }).from(departments);
    const departmentId = new Map(rows.map((d) => [d.name, d.id]));
    await tx
      .insert(users)
      .values(
        DEMO_PEOPLE.map((p) => ({
          email: p.email,
          name: p.name,
          role: demoRole(p.groups),
          departmentId: departmentId.get(p.department),
          active: p.active,
        })),
      )
      .onConflictDoNothing({ target: users.email });
  });
  await db.execute(sql`analyze users`);
}
