import { getDb } from "@/db/client";
import { activityEvents } from "@/db/schema";

type Row = { type: string; actorId: string; occurredAt: string; attributes: Record<string, unknown>; source: string; externalId: string };

/** Benchmark baseline (bench builds only): the same rows as one plain multi-row INSERT. */
export async function POST(request: Request) {
  const { rows } = (await request.json()) as { rows: Row[] };
  await (await getDb()).insert(activityEvents).values(rows.map((r) => ({ ...r, occurredAt: new Date(r.occurredAt) })));
  return Response.json({ recorded: rows.length });
}
