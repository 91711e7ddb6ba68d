import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { departments, users } from "@/db/schema";
import { readIdentityClaims } from "@/lib/auth/claims";
import { syncUserOnSignIn } from "@/lib/auth/sign-in";
import { createTestDatabase } from "./support/database";
import { testPolicy } from "./support/policy";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

function signIn(profile: Record<string, unknown>) {
  return syncUserOnSignIn(database.db, readIdentityClaims(profile, testPolicy), testPolicy);
}

async function userByEmail(email: string) {
  const [row] = await database.db
    .select({ id: users.id, name: users.name, role: users.role, department: departments.name, lastSignInAt: users.lastSignInAt })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.email, email));
  return row;
}

describe("signing in through the company IdP", () => {
  it("creates the user on first sign-in from the claims, creating the department", async () => {
    const result = await signIn({ sub: "1", email: "Ana@Example.com", name: "Ana Lopez", department: "Finance" });
    expect(result).toEqual({ ok: true, userId: expect.any(String) });
    expect(await userByEmail("ana@example.com")).toMatchObject({ name: "Ana Lopez", role: "member", department: "Finance", lastSignInAt: expect.any(Date) });
  });

  it("updates name and department from the claims on the next sign-in, keeping the same user", async () => {
    const first = await signIn({ email: "ben@example.com", name: "Ben", department: "Sales" });
    const second = await signIn({ email: "ben@example.com", name: "Ben Carter", department: "Legal" });
    expect(second).toEqual(first);
    expect(await userByEmail("ben@example.com")).toMatchObject({ name: "Ben Carter", department: "Legal" });
  });

  it("keeps the department when a later sign-in does not send one", async () => {
    await signIn({ email: "cleo@example.com", name: "Cleo", department: "Marketing" });
    await signIn({ email: "cleo@example.com", name: "Cleo" });
    expect((await userByEmail("cleo@example.com")).department).toBe("Marketing");
  });

  it("makes admins from the admin email list and the admin group, managers from the manager group", async () => {
    await signIn({ email: "boss@example.com", name: "Boss" });
    await signIn({ email: "it@example.com", name: "IT", groups: ["staff", "admins"] });
    await signIn({ email: "lead@example.com", name: "Lead", groups: ["managers"] });
    expect((await userByEmail("boss@example.com")).role).toBe("admin");
    expect((await userByEmail("it@example.com")).role).toBe("admin");
    expect((await userByEmail("lead@example.com")).role).toBe("manager");
  });

  it("never demotes on sign-in: a role given by an admin survives a sign-in without the group", async () => {
    await signIn({ email: "dana@example.com", name: "Dana" });
    await database.db.update(users).set({ role: "admin" }).where(eq(users.email, "dana@example.com"));
    await signIn({ email: "dana@example.com", name: "Dana", groups: ["managers"] });
    expect((await userByEmail("dana@example.com")).role).toBe("admin");
  });

  it("refuses emails outside the company domains and creates nothing", async () => {
    expect(await signIn({ email: "mallory@gmail.com", name: "Mallory" })).toEqual({ ok: false, reason: "domain" });
    expect(await signIn({ email: "eve@example.com.evil.io", name: "Eve" })).toEqual({ ok: false, reason: "domain" });
    expect(await userByEmail("mallory@gmail.com")).toBeUndefined();
  });

  it("refuses a profile without an email", async () => {
    expect(await signIn({ sub: "x", name: "Nobody" })).toEqual({ ok: false, reason: "no-email" });
  });

  it("refuses a deactivated user and leaves their record untouched", async () => {
    await signIn({ email: "gone@example.com", name: "Gone", department: "Sales" });
    await database.db.update(users).set({ active: false }).where(eq(users.email, "gone@example.com"));
    expect(await signIn({ email: "gone@example.com", name: "Renamed", groups: ["admins"] })).toEqual({ ok: false, reason: "inactive" });
    expect(await userByEmail("gone@example.com")).toMatchObject({ name: "Gone", role: "member" });
  });
});
