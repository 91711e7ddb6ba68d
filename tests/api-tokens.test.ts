import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { apiTokens, users } from "@/db/schema";
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from "@/lib/api-tokens/tokens";
import { updateUser } from "@/lib/users/admin";
import { findActiveUser, type CurrentUser } from "@/lib/users/queries";
import { createTestDatabase } from "./support/database";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let alice: CurrentUser;
let bob: CurrentUser;
let admin: CurrentUser;
beforeAll(async () => {
  database = await createTestDatabase();
  const rows = await database.db
    .insert(users)
    .values([
      { email: "alice@example.com", name: "Alice" },
      { email: "bob@example.com", name: "Bob" },
      { email: "root@example.com", name: "Root", role: "admin" },
    ])
    .returning({ id: users.id });
  [alice, bob, admin] = (await Promise.all(rows.map((r) => findActiveUser(database.db, r.id)))) as CurrentUser[];
});
afterAll(() => database.close());

describe("personal API tokens", () => {
  it("are shown once, stored hashed, and authenticate their owner", async () => {
    const { token, info } = await createApiToken(database.db, alice, "  report script ");
    expect(token).toMatch(/^ma_[A-Za-z0-9_-]{43}$/);
    expect(info).toMatchObject({ name: "report script", kind: "personal", prefix: token.slice(0, 10), lastUsedAt: null });
    const [stored] = await database.db.select().from(apiTokens).where(eq(apiTokens.id, info.id));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await authenticateApiToken(database, token)).toMatchObject({ kind: "personal", user: { email: "alice@example.com" } });
    expect((await listApiTokens(database.db, alice))[0].lastUsedAt).toBeInstanceOf(Date);
  });

  it("stop working when revoked or when their owner is deactivated; others cannot revoke them", async () => {
    const first = await createApiToken(database.db, bob, "one");
    const second = await createApiToken(database.db, bob, "two");
    await expect(revokeApiToken(database.db, alice, first.info.id)).rejects.toMatchObject({ status: 404 });
    await revokeApiToken(database.db, bob, first.info.id);
    expect(await authenticateApiToken(database, first.token)).toBeNull();
    await database.db.update(users).set({ active: false }).where(eq(users.id, bob.id));
    expect(await authenticateApiToken(database, second.token)).toBeNull();
  });

  it("are remembered by an instance until a change is heard: a revocation counts at once there, and within moments on another instance", async (ctx) => {
    const { token, info } = await createApiToken(database.db, alice, "remembered");
    expect(await authenticateApiToken(database, token)).toMatchObject({ user: { id: alice.id } });
    // Changed behind the app's back (no code path to forget it): the trigger's NOTIFY is heard.
    await database.db.update(users).set({ name: "Alice Ward" }).where(eq(users.id, alice.id));
    await expect.poll(async () => (await authenticateApiToken(database, token))?.user.name, { timeout: 3000 }).toBe("Alice Ward");

    if (!database.openAnother) return ctx.skip(); // PGlite is one instance
    const other = await database.openAnother();
    try {
      expect(await authenticateApiToken(other, token)).toMatchObject({ user: { id: alice.id } });
      await revokeApiToken(database.db, alice, info.id);
      expect(await authenticateApiToken(database, token)).toBeNull();
      await expect.poll(() => authenticateApiToken(other, token), { timeout: 3000 }).toBeNull();
    } finally {
      await other.close();
    }
  });

  it("an admin's change to a remembered token's person counts at once; one nobody heard of counts within five seconds", async () => {
    const [carol] = await database.db.insert(users).values({ email: "carol@example.com", name: "Carol" }).returning({ id: users.id });
    const person = (await findActiveUser(database.db, carol.id))!;
    const { token } = await createApiToken(database.db, person, "remembered");
    expect(await authenticateApiToken(database, token)).toMatchObject({ user: { role: "member" } });
    await updateUser(database.db, admin, carol.id, { role: "manager", departmentId: null, active: true });
    expect(await authenticateApiToken(database, token)).toMatchObject({ user: { role: "manager" } });

    // A change with the triggers switched off (as a restore or a replica might): no NOTIFY at all.
    await new Promise((r) => setTimeout(r, 300)); // the admin change's own NOTIFY has been heard
    expect(await authenticateApiToken(database, token)).toMatchObject({ user: { role: "manager" } });
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.update(users).set({ role: "member" }).where(eq(users.id, carol.id));
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await authenticateApiToken(database, token)).toMatchObject({ user: { role: "manager" } }); // still remembered
    const now = Date.now();
    const later = vi.spyOn(Date, "now").mockReturnValue(now + 5_001);
    try {
      expect(await authenticateApiToken(database, token)).toMatchObject({ user: { role: "member" } });
    } finally {
      later.mockRestore();
    }

    await updateUser(database.db, admin, carol.id, { role: "member", departmentId: null, active: false });
    expect(await authenticateApiToken(database, token)).toBeNull();
  });

  it("reject nonsense and need a name; integration tokens are for admins", async () => {
    expect(await authenticateApiToken(database, "ma_nope")).toBeNull();
    expect(await authenticateApiToken(database, "Bearer something")).toBeNull();
    await expect(createApiToken(database.db, alice, "   ")).rejects.toMatchObject({ status: 422, fieldErrors: { name: [expect.any(String)] } });
    await expect(createApiToken(database.db, alice, "crm", "integration")).rejects.toMatchObject({ status: 403 });
    const { token } = await createApiToken(database.db, admin, "crm", "integration");
    expect(await authenticateApiToken(database, token)).toMatchObject({ kind: "integration" });
  });
});
