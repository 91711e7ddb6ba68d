import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { ForbiddenError } from "@/lib/auth/policy";
import { updateUser } from "@/lib/users/admin";
import { findActiveUser, type CurrentUser } from "@/lib/users/queries";
import { createTestDatabase } from "./support/database";

/** Deactivation and reactivation as the admin page does them: role and department unchanged. */
const setActive = (actor: CurrentUser, userId: string, active: boolean) => updateUser(database.db, actor, userId, { role: "member", departmentId: "", active });

let database: Database;
let admin: CurrentUser;
let member: CurrentUser;

async function createUser(email: string, role: "member" | "admin") {
  const [row] = await database.db.insert(users).values({ email, name: email.split("@")[0], role }).returning({ id: users.id });
  return (await findActiveUser(database.db, row.id))!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  admin = await createUser("admin@example.com", "admin");
  member = await createUser("member@example.com", "member");
});
afterAll(() => database.close());

describe("deactivating a user", () => {
  it("ends their sessions and makes the session user disappear", async () => {
    const target = await createUser("leaver@example.com", "member");
    await database.db.insert(sessions).values({ sessionToken: "t1", userId: target.id, expires: new Date(Date.now() + 86_400_000) });

    await setActive(admin, target.id, false);

    expect(await database.db.select().from(sessions).where(eq(sessions.userId, target.id))).toEqual([]);
    expect(await findActiveUser(database.db, target.id)).toBeNull();
  });

  it("can be undone", async () => {
    const target = await createUser("returner@example.com", "member");
    await setActive(admin, target.id, false);
    await setActive(admin, target.id, true);
    expect(await findActiveUser(database.db, target.id)).toMatchObject({ email: "returner@example.com" });
  });

  it("is for admins only", async () => {
    await expect(setActive(member, admin.id, false)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await findActiveUser(database.db, admin.id)).not.toBeNull();
  });

  it("refuses to lock an admin out of their own account and reports unknown users", async () => {
    await expect(updateUser(database.db, admin, admin.id, { role: "admin", departmentId: "", active: false })).rejects.toMatchObject({ status: 409 });
    await expect(setActive(admin, "no-such-user", false)).rejects.toMatchObject({ status: 404 });
  });
});
