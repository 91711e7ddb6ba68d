import { parse } from "csv-parse/sync";
import { BatchError, type ExternalEvent } from "./ingest";

const REQUIRED = ["type", "actor", "occurred_at", "external_id"] as const;

/**
 * Reads a CSV export of past events: columns type, actor (email), occurred_at (ISO 8601),
 * external_id, optional source; every other column becomes an attribute (numbers and true/false
 * are typed). Problems are reported by row (index 0 is the first data row).
 */
export function eventsFromCsv(text: string): ExternalEvent[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: (header: string[]) => header.map((h) => h.trim()), skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new BatchError([{ index: 0, field: "file", message: `not a readable CSV file: ${error instanceof Error ? error.message : error}` }]);
  }
  if (records.length === 0) throw new BatchError([{ index: 0, field: "file", message: "the file has no rows" }]);
  const missing = REQUIRED.filter((column) => !(column in records[0]));
  if (missing.length) throw new BatchError([{ index: 0, field: "file", message: `missing columns: ${missing.join(", ")}` }]);
  return records.map((record) => {
    const { type, actor, occurred_at, external_id, source, ...rest } = record;
    const attributes: Record<string, string | number | boolean> = {};
    for (const [key, value] of Object.entries(rest)) {
      if (value === "") continue;
      attributes[key] = value === "true" ? true : value === "false" ? false : /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    }
    return { type, actor, occurredAt: occurred_at, externalId: external_id, ...(source ? { source } : {}), attributes };
  });
}

/** Splits events into API-sized batches. */
export function inBatches<T>(items: T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
