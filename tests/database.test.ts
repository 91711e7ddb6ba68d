import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Database, type Db } from "@/db/client";
import { rowsOf } from "@/db/sql-helpers";
import { departments, missions, users } from "@/db/schema";
import { DEMO_PEOPLE } from "@/lib/demo-directory";
import { evaluatingRules } from "@/lib/achievements/engine";
import { createTestDatabase } from "./support/database";

const run = promisify(execFile);
const dirs: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "missions-pglite-"));
  dirs.push(dir);
  return path.join(dir, "data");
}
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe("the embedded database", () => {
  it("creates its directory, migrates and seeds the demo company once, and keeps data across restarts", async () => {
    const dir = tempDir();
    const first = await openDatabase({ kind: "pglite", dir, seedDemoData: true });
    const [{ n }] = await first.db.select({ n: count() }).from(users);
    expect(n).toBe(DEMO_PEOPLE.length);
    const demoMissions = await first.db.select({ status: missions.status }).from(missions);
    expect(demoMissions.map((m) => m.status).sort()).toEqual(["accepted", "awaiting_acceptance", "in_progress", "open", "open"]);
    await first.close();

    const second = await openDatabase({ kind: "pglite", dir, seedDemoData: true });
    expect((await second.db.select({ n: count() }).from(users))[0].n).toBe(DEMO_PEOPLE.length);
    expect((await second.db.select({ n: count() }).from(departments))[0].n).toBe(5);
    expect((await second.db.select({ n: count() }).from(missions))[0].n).toBe(5);
    await second.close();
  });

  it("refuses a second process on the same directory with a clear message", async () => {
    const dir = tempDir();
    const owner = await openDatabase({ kind: "pglite", dir });
    try {
      const script = `import { openDatabase } from "./db/client.ts"; await openDatabase({ kind: "pglite", dir: ${JSON.stringify(dir)} });`;
      const attempt = run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: process.cwd() });
      await expect(attempt).rejects.toMatchObject({ stderr: expect.stringMatching(/already open in process \d+.*one process per directory/s) });
    } finally {
      await owner.close();
    }
  });

  it("lets the directory be opened again after its owner closed it", async () => {
    const dir = tempDir();
    await (await openDatabase({ kind: "pglite", dir })).close();
    const again = await openDatabase({ kind: "pglite", dir });
    await again.close();
  });
});

describe("PostgreSQL", () => {
  /** Runs a drizzle query in a transaction (one connection), then counts that session's prepared statements of it. */
  const preparedCopies = (database: Database) =>
    database.db.transaction(async (tx) => {
      await tx.select({ id: users.id }).from(users).where(eq(users.email, "nobody@example.com"));
      const [row] = rowsOf(await tx.execute(sql`select count(*)::int as n from pg_prepared_statements where statement like ${'%"users"."email" = $1%'}`));
      return Number(row.n);
    });

  it("prepares drizzle's statements (drizzle asks postgres.js not to), in transactions too, unless DATABASE_PREPARE is off", async (ctx) => {
    const database = await createTestDatabase();
    try {
      if (!database.openAnother) return ctx.skip(); // PGlite has no postgres.js client to prepare with
      expect(await preparedCopies(database)).toBe(1);
      const unprepared = await database.openAnother({ prepare: false });
      expect(await preparedCopies(unprepared)).toBe(0);
      await unprepared.close();
    } finally {
      await database.close();
    }
  });

  it("starts on a pool of one connection: the migration lock is held on a connection of its own", async (ctx) => {
    const database = await createTestDatabase();
    try {
      if (!database.openAnother) return ctx.skip(); // PGlite is one connection, and takes no lock
      const single = await database.openAnother({ poolSize: 1 });
      // This database's only: pg_locks is the whole server's, where other test files hold locks of their own.
      const held = sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`;
      expect(rowsOf(await single.db.execute(held))[0].n).toBe(0);
      await single.close();
    } finally {
      await database.close();
    }
  }, 20_000);

  it("evaluates rules without JIT and, for everyone's history, with room to sort, and redoable work without waiting for the WAL flush, in that transaction only", async (ctx) => {
    const database = await createTestDatabase();
    try {
      if (!database.openAnother) return ctx.skip(); // PGlite has no JIT
      const settings = async (db: Db) =>
        rowsOf(await db.execute(sql`select current_setting('jit') as jit, current_setting('work_mem') as work_mem, current_setting('synchronous_commit') as synchronous_commit`))[0];
      const before = await settings(database.db);
      expect(before.synchronous_commit).toBe("on");
      const evaluating = (options: Parameters<typeof evaluatingRules>[1]) =>
        database.db.transaction(async (tx) => {
          await evaluatingRules(tx, options);
          return settings(tx);
        });
      expect(await evaluating({})).toEqual({ ...before, jit: "off" });
      expect(await evaluating({ everyone: true })).toEqual({ ...before, jit: "off", work_mem: "64MB" });
      expect(await evaluating({ everyone: true, redoable: true })).toEqual({ jit: "off", work_mem: "64MB", synchronous_commit: "off" });
      expect(await settings(database.db)).toEqual(before);
    } finally {
      await database.close();
    }
  });
});
