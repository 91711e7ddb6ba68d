/**
 * Imports a CSV of past activity through the running app's API, in batches of 1,000:
 *
 *   MISSIONS_URL=http://localhost:3000 MISSIONS_TOKEN=ma_… npm run import:activities -- cases.csv [--source helpdesk]
 *
 * The token is an integration token (Admin: achievements). Going through the API means it works
 * against any deployment (PGlite allows only the app's own process to open its database), and a
 * batch is all-or-nothing and idempotent: run it again after fixing a row and nothing is counted twice.
 */
import fs from "node:fs";
import { eventsFromCsv, inBatches } from "@/lib/activity/csv";
import { BatchError, MAX_BATCH } from "@/lib/activity/ingest";

async function main() {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--"));
  const sourceIndex = args.indexOf("--source");
  const source = sourceIndex >= 0 ? args[sourceIndex + 1] : undefined;
  const url = (process.env.MISSIONS_URL ?? "http://localhost:3000").replace(/\/$/, "");
  const token = process.env.MISSIONS_TOKEN;
  if (!file || !token) {
    console.error("Usage: MISSIONS_URL=… MISSIONS_TOKEN=<integration token> npm run import:activities -- file.csv [--source name]");
    process.exit(2);
  }
  const events = eventsFromCsv(fs.readFileSync(file, "utf8")).map((e) => (source && !e.source ? { ...e, source } : e));
  let recorded = 0;
  let duplicates = 0;
  for (const [batch, rows] of inBatches(events, MAX_BATCH).entries()) {
    const response = await fetch(`${url}/api/v1/activities`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ events: rows }),
    });
    const body = (await response.json()) as { recorded?: number; duplicates?: number; error?: string; problems?: { index: number; field: string; message: string }[] };
    if (!response.ok) {
      console.error(`Batch ${batch + 1} refused (${response.status}): ${body.error}`);
      for (const p of body.problems ?? []) console.error(`  CSV row ${batch * MAX_BATCH + p.index + 2}: ${p.field} ${p.message}`);
      console.error(`${recorded} events were recorded before this batch; fix the file and run again.`);
      process.exit(1);
    }
    recorded += body.recorded ?? 0;
    duplicates += body.duplicates ?? 0;
  }
  console.log(`Imported ${recorded} events (${duplicates} were already there).`);
}

main().catch((error: unknown) => {
  if (error instanceof BatchError) for (const p of error.problems) console.error(`${p.field}: ${p.message}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
