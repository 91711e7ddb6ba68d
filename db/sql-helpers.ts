import type { Placeholder, SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "./client";

/** postgres.js returns raw query results as an array of rows; PGlite as an object with `rows`. */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  return (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];
}

/** Makes text match literally inside a LIKE/ILIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A query built once per database handle and then only run, with new parameters each time
 * (drizzle's prepare with sql.placeholder). Building a select in drizzle costs more CPU than
 * PostgreSQL spends answering a lookup by key, so the per-request lookups use this. A transaction
 * is its own handle: its queries are built for it, and run in it.
 */
export function builtOncePer<Handle extends object, Query>(build: (handle: Handle) => Query): (handle: Handle) => Query {
  const built = new WeakMap<Handle, Query>();
  return (handle) => {
    let query = built.get(handle);
    if (!query) built.set(handle, (query = build(handle)));
    return query;
  };
}

/** A value a statement takes, or a placeholder for it in a statement built once (sql.placeholder). */
export type Bound<T> = T | Placeholder;

const dialect = new PgDialect();

/**
 * A raw statement built into its SQL text once, with sql.placeholder() for what varies, and then
 * only run with new values (use it through builtOncePer). A mission transition is one large
 * statement: building it in drizzle on every request cost the server about 60 µs of CPU and its
 * garbage (a profile of the transitions benchmark).
 */
export function preparedSql(db: Db, statement: SQL, name: string): { execute(values: Record<string, unknown>): Promise<unknown> } {
  return db._.session.prepareQuery(dialect.sqlToQuery(statement), undefined, name, false);
}
