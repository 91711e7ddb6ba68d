import { departments, users, type Role } from "@/db/schema";
import type { Db } from "@/db/client";
import type { MissionActor } from "@/lib/missions/commands";

/** A small company for mission tests: people by the part they play. */
export async function createCompany(db: Db, prefix = "") {
  const depts = await db
    .insert(departments)
    .values(["Sales", "Support", "Marketing", "Engineering"].map((name) => ({ name: `${prefix}${name}` })))
    .returning({ id: departments.id, name: departments.name });
  const dept = (name: string) => depts.find((d) => d.name === `${prefix}${name}`)!.id;

  async function person(key: string, name: string, department: string, role: Role = "member"): Promise<MissionActor> {
    const [row] = await db
      .insert(users)
      .values({ email: `${prefix}${key}@example.com`.toLowerCase(), name, role, departmentId: dept(department) })
      .returning({ id: users.id, role: users.role, departmentId: users.departmentId, name: users.name });
    return { id: row.id, role: row.role, departmentId: row.departmentId, name: row.name! };
  }

  return {
    departments: { sales: dept("Sales"), support: dept("Support"), marketing: dept("Marketing"), engineering: dept("Engineering") },
    owner: await person("owner", "Sally Owner", "Sales"),
    taker: await person("taker", "Spencer Taker", "Support"),
    audienceMember: await person("member", "Marcus Member", "Sales"),
    outsider: await person("outsider", "Raquel Outsider", "Marketing"),
    ownersManager: await person("salesmanager", "Gillian Manager", "Sales", "manager"),
    otherManager: await person("supportmanager", "Diana Manager", "Support", "manager"),
    admin: await person("admin", "Alex Admin", "Engineering", "admin"),
  };
}

export type Company = Awaited<ReturnType<typeof createCompany>>;
