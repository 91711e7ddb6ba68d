import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { DEFAULT_POOL_SIZE, readDatabaseEnv } from "@/lib/env";
import * as schema from "./schema";
import { installAchievementDefaults } from "@/lib/achievements/install";
import { seedDemoCompany } from "./seed";

export type Schema = typeof schema;
/** A database or a transaction: domain functions take either and never reach for a global. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
  kind: "pglite" | "postgres";
  db: Db;
  /**
   * Postgres LISTEN on a dedicated connection; resolves to a function that stops listening.
   * `onListen` runs each time listening (re)starts: signals sent while it was down are lost.
   */
  listen(channel: string, onPayload: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

export type OpenOptions =
  | { kind: "postgres"; url: string; poolSize?: number; prepare?: boolean; seedDemoData?: boolean }
  | { kind: "pglite"; dir?: string; seedDemoData?: boolean };

const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");
/** Serialises migrations when several app instances start against one PostgreSQL. */
const MIGRATION_LOCK_KEY = 7_230_001;

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const database =
    options.kind === "postgres" ? await openPostgres(options.url, options.poolSize ?? DEFAULT_POOL_SIZE, options.prepare ?? true) : await openPglite(options.dir);
  try {
    await migrateAndSeed(database, options);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

async function openPostgres(url: string, poolSize: number, prepare: boolean): Promise<Database> {
  const client = postgres(url, { max: poolSize, onnotice: () => {}, prepare });
  if (prepare) preparedByDefault(client);
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    kind: "postgres",
    db,
    async listen(channel, onPayload, onListen) {
      const { unlisten } = await client.listen(channel, onPayload, onListen);
      return unlisten;
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

/** Statements with more parameters than this (bulk inserts, long id lists) are not worth keeping. */
const MAX_PREPARED_PARAMETERS = 64;

/**
 * Drizzle runs every query through postgres.js's `unsafe()` with `prepare: false` (drizzle-orm
 * issue #6096), so each one is parsed, described (an extra round trip) and planned again. Prepared
 * per connection instead, a repeated query is one round trip with a cached plan: this halved the
 * database time of a mission transition. One query shape is one statement; only the number of
 * parameters varies the text, which the limit bounds. Transactions get a client of their own, so
 * theirs is wrapped too. DATABASE_PREPARE=false turns it off (e.g. behind PgBouncer < 1.21 in
 * transaction mode).
 */
function preparedByDefault(client: Pick<postgres.Sql, "unsafe"> & Partial<Pick<postgres.Sql, "begin">>) {
  const unsafe = client.unsafe.bind(client);
  client.unsafe = ((query: string, parameters?: unknown, options?: postgres.UnsafeQueryOptions) =>
    Array.isArray(parameters)
      ? unsafe(query, parameters as postgres.ParameterOrJSON<never>[], { ...options, prepare: parameters.length <= MAX_PREPARED_PARAMETERS })
      : unsafe(query, parameters as never, options)) as typeof client.unsafe;
  if (!client.begin) return; // a transaction's client: its savepoints share its unsafe()
  const begin = client.begin.bind(client) as (...args: unknown[]) => Promise<unknown>;
  client.begin = ((...args: unknown[]) => {
    const work = args.pop() as (tx: postgres.TransactionSql) => unknown;
    return begin(...args, (tx: postgres.TransactionSql) => {
      preparedByDefault(tx);
      return work(tx);
    });
  }) as typeof client.begin;
}

async function openPglite(dir: string | undefined): Promise<Database> {
  let releaseLock = () => {};
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
    releaseLock = lockDataDirectory(dir);
  }
  let client: PGlite;
  try {
    client = dir ? await PGlite.create(dir) : await PGlite.create();
  } catch (error) {
    releaseLock();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: "pglite",
    db,
    async listen(channel, onPayload, onListen) {
      const unlisten = await client.listen(channel, onPayload);
      onListen?.();
      return unlisten;
    },
    async close() {
      await client.close();
      releaseLock();
    },
  };
}

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt it.
 * A lock file beside the directory names the owner; a lock left by a dead process is taken over.
 */
function lockDataDirectory(dir: string): () => void {
  const lockPath = `${path.resolve(dir)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
        process.off("exit", release);
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(fs.readFileSync(lockPath, "utf8"));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `The embedded database in ${dir} is already open in process ${owner}. ` +
            `PGlite allows one process per directory: stop that process, or point PGLITE_DIR elsewhere, or use PostgreSQL (DATABASE_URL).`,
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database directory ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function migrateAndSeed(database: Database, options: OpenOptions) {
  const seedDemoData = options.seedDemoData ?? false;
  if (options.kind === "pglite") {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    await installAchievementDefaults(database.db);
    if (seedDemoData) await seedDemoCompany(database.db);
    return;
  }
  // The lock is held on a connection of its own: one taken from the pool would leave a pool of one
  // nothing to migrate with, and start-up would wait forever.
  const lock = postgres(options.url, { max: 1, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    await installAchievementDefaults(database.db);
    if (seedDemoData) await seedDemoCompany(database.db);
  } finally {
    await lock.end({ timeout: 5 }); // ending the session releases the lock
  }
}

export function databaseOptionsFromEnv(source: Record<string, string | undefined> = process.env): OpenOptions {
  const env = readDatabaseEnv(source);
  if (env.DATABASE_URL) {
    return { kind: "postgres", url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, prepare: env.DATABASE_PREPARE, seedDemoData: env.SEED_DEMO_DATA ?? false };
  }
  return { kind: "pglite", dir: env.PGLITE_DIR ?? ".data/pglite", seedDemoData: env.SEED_DEMO_DATA ?? true };
}

const store = globalThis as typeof globalThis & { __missionsDatabase?: Promise<Database> };

/**
 * The process's one database, opened (and migrated) on first use rather than at import, so that
 * `next build` never touches it. A failed open is forgotten so the next request can retry.
 */
export function getDatabase(): Promise<Database> {
  store.__missionsDatabase ??= openDatabase(databaseOptionsFromEnv()).catch((error: unknown) => {
    store.__missionsDatabase = undefined;
    throw error;
  });
  return store.__missionsDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}
