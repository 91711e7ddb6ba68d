import { execSync } from "node:child_process";
import fs from "node:fs";

/** Clock ticks per second of /proc's CPU times (USER_HZ). */
const TICKS_PER_SECOND = Number(execSync("getconf CLK_TCK").toString().trim()) || 100;

/** User + system CPU time so far, in ms, of a process and all its threads; 0 once it has gone. */
function processCpuMs(pid: number): number {
  try {
    // The command name in parentheses may hold spaces: the fields that follow it are counted from there.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function postgresPids(): number[] {
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres";
      } catch {
        return false;
      }
    })
    .map(Number);
}

export type CpuPerRequest = { server: number; postgres: number | null };

/**
 * Where a load's CPU went, per request: the app server's process, and the PostgreSQL server's
 * processes when it runs on this machine (on PGlite the database is inside the app server). Read
 * from /proc around the load, so it shows whether a ratio is the app's own work or the database's.
 */
export async function measuringCpu<T extends { requests: number }>(
  serverPid: number,
  localPostgres: boolean,
  work: () => Promise<T>,
): Promise<T & { cpu: CpuPerRequest }> {
  const postgresMs = () => (localPostgres ? postgresPids().reduce((sum, pid) => sum + processCpuMs(pid), 0) : 0);
  const [server0, postgres0] = [processCpuMs(serverPid), postgresMs()];
  const figures = await work();
  const [server1, postgres1] = [processCpuMs(serverPid), postgresMs()];
  const perRequest = (ms: number) => ms / Math.max(1, figures.requests);
  return { ...figures, cpu: { server: perRequest(server1 - server0), postgres: localPostgres ? perRequest(postgres1 - postgres0) : null } };
}

/** Whether a PostgreSQL URL's server is this machine's, whose processes /proc can see. */
export function isLocalPostgres(url: string | undefined): boolean {
  if (!url || process.platform !== "linux") return false;
  const host = new URL(url).hostname;
  return ["localhost", "127.0.0.1", "[::1]", ""].includes(host) && postgresPids().length > 0;
}
