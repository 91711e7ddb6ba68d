import { ingestEvents } from "@/lib/activity/ingest";
import type { Db } from "@/db/client";

let counter = 0;

/** Resolved cases for one person at the given instants, through the real ingestion path. */
export async function resolveCases(db: Db, actor: string, instants: (string | Date)[], attributes: Record<string, string> = { channel: "email" }) {
  const events = instants.map((at) => ({
    type: "case.resolved",
    actor,
    occurredAt: typeof at === "string" ? at : at.toISOString(),
    externalId: `case-${process.pid}-${++counter}`,
    source: "helpdesk",
    attributes,
  }));
  for (let i = 0; i < events.length; i += 1000) await ingestEvents(db, events.slice(i, i + 1000), "test");
}
