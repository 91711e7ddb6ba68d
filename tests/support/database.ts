import crypto from "node:crypto";
import postgres from "postgres";
import { openDatabase, type Database } from "@/db/client";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a throwaway database
 * on the PostgreSQL server named by DATABASE_URL (dropped afterwards), so the same tests run on both.
 */
export async function createTestDatabase(): Promise<Database & { label: string; openAnother?: (options?: { prepare?: boolean; poolSize?: number }) => Promise<Database> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ kind: "pglite" });
    return { ...database, label: "pglite" };
  }
  const name = `missions_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 60 });
  return {
    ...database,
    label: "postgres",
    /** A second app instance on the same database. */
    openAnother: (options = {}) => openDatabase({ kind: "postgres", url: url.toString(), poolSize: 2, ...options }),
    async close() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
