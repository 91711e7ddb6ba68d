import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { getCompanySettings, updateCompanySettings } from "@/lib/settings/company";
import { listUsers, saveDepartment, updateUser } from "@/lib/users/admin";
import { findActiveUser } from "@/lib/users/queries";
import { getPreferences, updatePreferences } from "@/lib/users/preferences";
import { createCompany, type Company } from "./support/company";
import { createTestDatabase } from "./support/database";

let database: Database;
let c: Company;
beforeAll(async () => {
  process.env.AUTH_ALLOWED_DOMAINS = "example.com";
  database = await createTestDatabase();
  c = await createCompany(database.db, "adm-");
});
afterAll(() => database.close());

describe("administering users", () => {
  it("admins change role, department and active; deactivating ends sessions", async () => {
    const db = database.db;
    await db.insert(sessions).values({ sessionToken: "adm-s1", userId: c.taker.id, expires: new Date(Date.now() + 86_400_000) });
    await updateUser(db, c.admin, c.taker.id, { role: "manager", departmentId: String(c.departments.marketing), active: false });
    const [row] = await db.select().from(users).where(eq(users.id, c.taker.id));
    expect(row).toMatchObject({ role: "manager", departmentId: c.departments.marketing, active: false });
    expect(await db.select().from(sessions).where(eq(sessions.userId, c.taker.id))).toEqual([]);
    expect(await findActiveUser(db, c.taker.id)).toBeNull();
    await updateUser(db, c.admin, c.taker.id, { role: "member", departmentId: "", active: true });
    expect(await findActiveUser(db, c.taker.id)).toMatchObject({ role: "member", departmentId: null });
  });

  it("refuses non-admins, self-demotion, unknown departments and users", async () => {
    const db = database.db;
    await expect(updateUser(db, c.ownersManager, c.owner.id, { role: "admin", departmentId: "", active: true })).rejects.toMatchObject({ status: 403 });
    await expect(listUsers(db, c.owner)).rejects.toMatchObject({ status: 403 });
    await expect(updateUser(db, c.admin, c.admin.id, { role: "member", departmentId: "", active: true })).rejects.toMatchObject({ status: 409 });
    await expect(updateUser(db, c.admin, c.owner.id, { role: "member", departmentId: "99999", active: true })).rejects.toMatchObject({ status: 422, fieldErrors: { departmentId: [expect.any(String)] } });
    await expect(updateUser(db, c.admin, "nobody", { role: "member", departmentId: "", active: true })).rejects.toMatchObject({ status: 404 });
    await expect(updateUser(db, c.admin, c.owner.id, { role: "king", departmentId: "", active: true })).rejects.toMatchObject({ status: 422, fieldErrors: { role: [expect.any(String)] } });
    expect((await listUsers(db, c.admin, "adm-outsider")).map((u) => u.name)).toEqual(["Raquel Outsider"]);
  });
});

describe("departments", () => {
  it("are added and renamed by admins, without duplicates", async () => {
    const db = database.db;
    await saveDepartment(db, c.admin, { name: "  Finance " });
    await expect(saveDepartment(db, c.admin, { name: "Finance" })).rejects.toMatchObject({ fieldErrors: { name: ["There is already a department called Finance."] } });
    await expect(saveDepartment(db, c.admin, { name: "" })).rejects.toMatchObject({ status: 422 });
    await expect(saveDepartment(db, c.owner, { name: "Shadow IT" })).rejects.toMatchObject({ status: 403 });
    await saveDepartment(db, c.admin, { id: c.departments.marketing, name: "Brand & Marketing" });
  });
});

describe("company settings and preferences", () => {
  it("default to the environment until an admin sets them, and reject bad values", async () => {
    const db = database.db;
    expect(await getCompanySettings(db)).toMatchObject({ allowedDomains: ["example.com"], timeZone: "UTC", attachmentMaxMb: 10 });
    await updateCompanySettings(db, c.admin, { allowedDomains: "example.com, Example.org", timeZone: "Europe/Berlin", attachmentMaxMb: "25" });
    expect(await getCompanySettings(db)).toMatchObject({ allowedDomains: ["example.com", "example.org"], timeZone: "Europe/Berlin", attachmentMaxMb: 25 });
    await expect(updateCompanySettings(db, c.admin, { allowedDomains: "", timeZone: "Mars/Olympus", attachmentMaxMb: "0" })).rejects.toMatchObject({
      status: 422,
      fieldErrors: { allowedDomains: [expect.any(String)], timeZone: [expect.any(String)], attachmentMaxMb: [expect.any(String)] },
    });
    await expect(updateCompanySettings(db, c.owner, { allowedDomains: "evil.com", timeZone: "UTC", attachmentMaxMb: "1" })).rejects.toMatchObject({ status: 403 });
  });

  it("people choose their time zone and which emails they get", async () => {
    const db = database.db;
    expect(await getPreferences(db, c.owner.id)).toEqual({ timeZone: null, email: { comment: true, status_change: true, achievement: true, reminder: true } });
    await updatePreferences(db, c.owner.id, { timeZone: "America/Chicago", email: { comment: false, status_change: true, achievement: true, reminder: true } });
    expect(await getPreferences(db, c.owner.id)).toMatchObject({ timeZone: "America/Chicago", email: { comment: false } });
    await expect(updatePreferences(db, c.owner.id, { timeZone: "Nowhere", email: {} })).rejects.toMatchObject({ fieldErrors: { timeZone: [expect.any(String)] } });
  });
});
