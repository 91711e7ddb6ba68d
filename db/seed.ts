import { count, sql } from "drizzle-orm";
import { DEMO_ADMIN_GROUP, DEMO_DEPARTMENTS, DEMO_MANAGER_GROUP, DEMO_PEOPLE } from "@/lib/demo-directory";
import { addComment } from "@/lib/missions/comments";
import { createMission, transitionMission, type MissionActor } from "@/lib/missions/commands";
import { findActiveUser } from "@/lib/users/queries";
import type { Db } from "./client";
import { departments, missions, users, type Role } from "./schema";

function demoRole(groups: string[]): Role {
  if (groups.includes(DEMO_ADMIN_GROUP)) return "admin";
  if (groups.includes(DEMO_MANAGER_GROUP)) return "manager";
  return "member";
}

/**
 * Creates the demo company. Idempotent: existing rows are left as they are, so what people changed
 * while trying the app survives a restart; demo missions are added only to an empty database.
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
  const [{ n }] = await db.select({ n: count() }).from(missions);
  if (n === 0) await seedDemoMissions(db);
  await db.execute(sql`analyze`);
}

/** A few missions in different states, made through the domain so they carry real history. */
async function seedDemoMissions(db: Db): Promise<void> {
  const people = await db.select({ id: users.id, email: users.email }).from(users);
  const departmentRows = await db.select({ id: departments.id, name: departments.name }).from(departments);
  const person = async (first: string): Promise<MissionActor> => {
    const row = people.find((p) => p.email === `${first}@example.com`);
    const user = row && (await findActiveUser(db, row.id));
    if (!user) throw new Error(`Demo user ${first} is missing`);
    return user;
  };
  const department = (name: string) => departmentRows.find((d) => d.name === name)!.id;
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
  const [sally, gillian, spencer, raquel, olivia, hannah, victor, tom, nora] = await Promise.all(
    ["sally", "gillian", "spencer", "raquel", "olivia", "hannah", "victor", "tom", "nora"].map(person),
  );

  const notarize = await createMission(db, sally, {
    description: "Get this document notarized\nThe signed lease is in the blue folder on my desk. Any notary downtown will do.",
    reward: "Dinner",
    dueAt: inDays(5),
    audience: "everyone",
    parentId: null,
  });
  await addComment(db, raquel, notarize.id, "Is there a notary near the office? I could go at lunch.");

  const caseStudies = await createMission(db, gillian, {
    description: "Find three case studies from happy support customers\nWe need them for the Q1 sales deck.",
    reward: "Team lunch",
    dueAt: inDays(10),
    audience: [department("Customer Support")],
    parentId: null,
  });
  await transitionMission(db, spencer, caseStudies.id, "start");
  await addComment(db, spencer, caseStudies.id, "I have two already; asking the Acme team for the third.");

  const newsletter = await createMission(db, olivia, {
    description: "Proofread the spring newsletter\nDraft is attached in the marketing drive.",
    reward: "Coffee for a week",
    dueAt: null,
    audience: "everyone",
    parentId: null,
  });
  await transitionMission(db, hannah, newsletter.id, "start");
  await transitionMission(db, hannah, newsletter.id, "complete");

  const vpn = await createMission(db, victor, {
    description: "Test the new VPN setup from home\nTry it on your own network and report anything odd.",
    reward: "Movie tickets",
    dueAt: null,
    audience: "everyone",
    parentId: null,
  });
  await transitionMission(db, tom, vpn.id, "start");
  await transitionMission(db, tom, vpn.id, "complete");
  await transitionMission(db, victor, vpn.id, "accept");

  await createMission(db, nora, {
    description: "Collect signed NDAs from the trade-show partners",
    reward: "Leave early on Friday",
    dueAt: inDays(3),
    audience: [department("Sales")],
    parentId: null,
  });
}
