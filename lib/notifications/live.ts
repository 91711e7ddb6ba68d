import type { Database } from "@/db/client";
import { findNotificationsFor, type InboxEntry } from "./inbox";
import { LIVE_CHANNEL, type LiveSignal } from "./notify";

export type LiveEvent = { event: "notification"; data: InboxEntry } | { event: "mission"; data: { id: number } };
type Listener = (event: LiveEvent) => void;

/**
 * One LISTEN per app instance, fanned out to the browsers connected to it. Every instance hears
 * every NOTIFY, so a comment written through one instance reaches a person connected to another.
 */
export class LiveHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private listening: Promise<unknown> | undefined;

  constructor(private readonly database: Database) {}

  async subscribe(userId: string, listener: Listener): Promise<() => void> {
    this.listening ??= this.database.listen(LIVE_CHANNEL, (payload) => void this.dispatch(payload)).catch((error: unknown) => {
      this.listening = undefined;
      throw error;
    });
    await this.listening;
    const set = this.listeners.get(userId) ?? new Set();
    set.add(listener);
    this.listeners.set(userId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  private async dispatch(payload: string): Promise<void> {
    let signal: LiveSignal;
    try {
      signal = JSON.parse(payload) as LiveSignal;
    } catch {
      return;
    }
    if (signal.type === "mission") {
      for (const set of this.listeners.values()) for (const listener of set) listener({ event: "mission", data: { id: signal.id } });
      return;
    }
    const rows = await findNotificationsFor(this.database.db, signal.ids, [...this.listeners.keys()]).catch((error: unknown) => {
      console.error("Live notifications: could not load notifications", error);
      return [];
    });
    for (const { userId, ...entry } of rows) {
      for (const listener of this.listeners.get(userId) ?? []) listener({ event: "notification", data: entry });
    }
  }
}

const store = globalThis as typeof globalThis & { __missionsLiveHub?: LiveHub };

export function getLiveHub(database: Database): LiveHub {
  store.__missionsLiveHub ??= new LiveHub(database);
  return store.__missionsLiveHub;
}
