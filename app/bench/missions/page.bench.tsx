import { desc } from "drizzle-orm";
import { getDb } from "@/db/client";
import { missions } from "@/db/schema";

/** Benchmark baseline (bench builds only): 50 rows from one plain SELECT, rendered as a table. */
export default async function BaselineMissionsPage() {
  const rows = await (await getDb())
    .select({ id: missions.id, headline: missions.headline, reward: missions.reward, status: missions.status, dueAt: missions.dueAt, comments: missions.commentCount })
    .from(missions)
    .orderBy(desc(missions.lastActivityAt))
    .limit(50);
  return (
    <table>
      <tbody>
        {rows.map((m) => (
          <tr key={m.id}>
            <td>{m.headline}</td>
            <td>{m.reward}</td>
            <td>{m.dueAt?.toISOString() ?? "—"}</td>
            <td>{m.status}</td>
            <td>{m.comments}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
