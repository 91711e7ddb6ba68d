import type { Database, Db } from "@/db/client";

/**
 * NOTIFY channel of migration 0010's triggers: a token was revoked or deleted, or a person or
 * department a token speaks for changed (active, role, department, name, email, time zone).
 * Every instance listens and forgets what it remembered.
 */
export const BEARERS_CHANNEL = "missions_bearers";

/**
 * However quiet the channel, an entry is looked up again after this long: the longest a change
 * can go unheard if an instance's listener is down (postgres.js reconnects it, and the memory is
 * emptied then) or the channel does not carry notifications (a pooler in transaction mode).
 */
const KEPT_MS = 5_000;
const MAX_ENTRIES = 10_000;

type Entry<T> = { value: T; until: number };

/**
 * An instance's memory of recent token lookups, so that an API request costs the database one
 * round trip (its work) instead of two. It remembers nothing until the instance listens on
 * BEARERS_CHANNEL; it is emptied on every change heard there and on every (re)connection of the
 * listener, and entries expire after KEPT_MS. A change made through this instance empties it at
 * once (forgetBearers); other instances hear of it within moments, and within KEPT_MS at worst.
 */
export class BearerCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private listening: Promise<void> | undefined;
  private live = false;
  /** Counts clears: a lookup that was under way during one may have read what changed, and is not kept. */
  private generation = 0;

  constructor(private readonly database: Database) {}

  async get(key: string, lookUp: () => Promise<T | null>): Promise<T | null> {
    await this.listen();
    const entry = this.live ? this.entries.get(key) : undefined;
    if (entry && entry.until > Date.now()) return entry.value;
    const generation = this.generation;
    const value = await lookUp();
    if (value === null || !this.live || generation !== this.generation) return value;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { value, until: Date.now() + KEPT_MS });
    return value;
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  private listen(): Promise<void> {
    this.listening ??= this.database
      .listen(
        BEARERS_CHANNEL,
        () => this.clear(),
        () => {
          this.clear();
          this.live = true;
        },
      )
      .then(
        () => undefined,
        (error: unknown) => {
          // Without the channel nothing is remembered; the next request tries to listen again.
          console.error("API tokens: cannot listen for revocations; looking every token up.", error);
          this.listening = undefined;
        },
      );
    return this.listening;
  }
}

const caches = new WeakMap<Db, BearerCache<unknown>>();

export function bearerCacheOf<T>(database: Database): BearerCache<T> {
  let cache = caches.get(database.db);
  if (!cache) caches.set(database.db, (cache = new BearerCache(database)));
  return cache as BearerCache<T>;
}

/** After a change made through this database handle: forget at once, rather than when the NOTIFY arrives. */
export function forgetBearers(db: Db): void {
  caches.get(db)?.clear();
}
