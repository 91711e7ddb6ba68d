import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { missions } from "@/db/schema";

/** Benchmark baseline (bench builds only): one UPDATE of a mission row. */
export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const [row] = await (await getDb())
    .update(missions)
    .set({ updatedAt: sql`now()` })
    .where(eq(missions.id, Number((await params).id)))
    .returning({ id: missions.id, status: missions.status });
  return Response.json(row ?? null);
}
