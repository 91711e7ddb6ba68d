/**
 * `npm run bench`: measures the app against baselines served by the same server in the same run,
 * and writes bench/results.md. On PostgreSQL (DATABASE_URL, a server URL: the harness creates and
 * drops its own database) at full size; on PGlite at a tenth. Not part of `npm test`.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
 *   npm run bench -- transitions page     # only these sections: prints, writes no results file
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type Database, type Db } from "@/db/client";
import { achievements, sessions, userAchievements, users } from "@/db/schema";
import { requestBackfill, runBackfill } from "@/lib/achievements/backfill";
import { rowsOf } from "@/db/sql-helpers";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { leaderboard, type LeaderboardPeriod } from "@/lib/points/leaderboard";
import { findActiveUser } from "@/lib/users/queries";
import { isLocalPostgres, measuringCpu } from "./cpu";
import { generateCompany, SIZES } from "./generate";
import { load, warmThenLoad, type HttpFigures } from "./http";

const PORTS = [3300, 3301];
const BENCH_DB = "missions_bench";
const log = (line: string) => console.log(line);
const ms = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}
/** Rounds of one load as one row: the median of each figure, all the requests and errors. */
function medians(figures: HttpFigures[]): HttpFigures {
  const cpu = figures.every((f) => f.cpu) ? figures.map((f) => f.cpu!) : null;
  return {
    requests: figures.reduce((n, f) => n + f.requests, 0),
    rps: median(figures.map((f) => f.rps)),
    medianMs: median(figures.map((f) => f.medianMs)),
    p95Ms: median(figures.map((f) => f.p95Ms)),
    errors: figures.reduce((n, f) => n + f.errors, 0),
    ...(cpu && { cpu: { server: median(cpu.map((c) => c.server)), postgres: cpu[0].postgres === null ? null : median(cpu.map((c) => c.postgres!)) } }),
  };
}
async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

type Target = { what: string; figure: string; target: string; met: boolean };
const targets: Target[] = [];
const lines: string[] = [];
const record = (line: string) => (lines.push(line), log(line));

const SECTIONS = ["backfill", "leaderboards", "page", "transitions", "ingestion", "leaderboard-pages", "scale-out"] as const;
const only = process.argv.slice(2);
for (const name of only) if (!(SECTIONS as readonly string[]).includes(name)) throw new Error(`Unknown section ${name}; choose from ${SECTIONS.join(", ")}.`);
const wanted = (section: (typeof SECTIONS)[number]) => only.length === 0 || only.includes(section);

async function openBenchDatabase(): Promise<{ database: Database; env: Record<string, string>; kind: "postgres" | "pglite" }> {
  const server = process.env.DATABASE_URL;
  if (server) {
    const admin = postgres(server, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${BENCH_DB} with (force)`);
    await admin.unsafe(`create database ${BENCH_DB}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${BENCH_DB}`;
    return { database: await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 20 }), env: { DATABASE_URL: url.toString() }, kind: "postgres" };
  }
  fs.rmSync(".data/bench", { recursive: true, force: true });
  fs.rmSync(".data/bench.lock", { force: true });
  return { database: await openDatabase({ kind: "pglite", dir: ".data/bench" }), env: { PGLITE_DIR: ".data/bench" }, kind: "pglite" };
}

async function sessionCookie(db: Db, userId: string): Promise<string> {
  const token = crypto.randomBytes(24).toString("hex");
  await db.insert(sessions).values({ sessionToken: token, userId, expires: new Date(Date.now() + 86_400_000) });
  return `authjs.session-token=${token}`;
}

async function openMissions(db: Db, ownerId: string, count: number, label: string): Promise<number[]> {
  const rows = rowsOf(
    await db.execute(sql`insert into missions (owner_id, description, headline, reward, status, audience_everyone)
      select ${ownerId}, ${label} || ' ' || g, ${label} || ' ' || g, 'Coffee', 'open', true from generate_series(1, ${count}) g returning id`),
  );
  return rows.map((r) => Number(r.id));
}

function startServer(port: number, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", String(port)], {
    env: { ...process.env, ...env, BENCH_BUILD: "1", PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => fs.appendFileSync(`.data/bench-server-${port}.log`, d));
  child.stderr!.on("data", (d: Buffer) => fs.appendFileSync(`.data/bench-server-${port}.log`, d));
  return child;
}

async function waitForServer(port: number) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/signin`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The server on port ${port} did not start; see .data/bench-server-${port}.log`);
}

function row(name: string, f: HttpFigures) {
  const cpu = f.cpu ? ` ${f.cpu.server.toFixed(2)} ms | ${f.cpu.postgres === null ? "(in the server)" : `${f.cpu.postgres.toFixed(2)} ms`} |` : "";
  return `| ${name} | ${f.rps.toFixed(0)} | ${ms(f.medianMs)} | ${ms(f.p95Ms)} | ${f.requests}${f.errors ? ` (${f.errors} errors)` : ""} |${cpu}`;
}
const CPU_HEADER = `| | req/s | median | p95 | requests | server CPU/request | PostgreSQL CPU/request |\n|---|---|---|---|---|---|---|`;

async function main() {
  const { database, env: dbEnv, kind } = await openBenchDatabase();
  const size = kind === "postgres" ? SIZES.full : SIZES.small;
  const db = database.db;
  record(`# Benchmark results\n`);
  record(`Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${kind}.`);
  record(`Data: ${size.users} users, ${size.departments} departments, ${size.missions.toLocaleString("en-US")} missions, ${size.events.toLocaleString("en-US")} activity events.\n`);

  log("Generating data…");
  await generateCompany(db, size, log);
  await db.update(users).set({ role: "admin" }).where(eq(users.id, "u1"));

  if (wanted("backfill")) {
    // ---- In-process: retroactive backfill vs one GROUP BY pass; leaderboard queries.
    log("Backfill…");
    const builtIns = (await db.select({ id: achievements.id }).from(achievements)).map((a) => a.id);
    const groupBy = [] as number[];
    const backfill = [] as number[];
    let granted = 0;
    const [{ lastNotification }] = rowsOf(await db.execute(sql`select coalesce(max(id), 0) as "lastNotification" from notifications`));
    // The first run meets cold caches (the data was just written). Each later run starts from no
    // grants again, so every run does a first run's whole work: tallies, grants, summaries.
    for (let i = 0; i < 4; i++) {
      if (i > 0) {
        await db.execute(sql`delete from user_achievements`);
        await db.execute(sql`delete from notifications where id > ${lastNotification}`);
        await db.execute(sql`update achievements set awarded_through = null`);
        await db.execute(sql`vacuum user_achievements, notifications, achievements`);
      }
      groupBy.push(await timed(() => db.execute(sql`select actor_id, type, count(*), min(occurred_at) from activity_events group by actor_id, type`)));
      const run = (await requestBackfill(db, builtIns, null))!;
      backfill.push(await timed(() => runBackfill(db, run, builtIns)));
      granted = await db.$count(userAchievements);
    }
    const [cold, warm, groupByWarm] = [backfill[0], median(backfill.slice(1)), median(groupBy.slice(1))];
    record(`## Retroactive backfill of all ${builtIns.length} built-in achievements\n`);
    record(`Each run starts from no grants (the previous run's grants, summaries and award marks deleted), alternating with the GROUP BY.\n`);
    record(`| | first run (cold caches) | median of the next 3 |\n|---|---|---|`);
    record(`| backfill (${granted.toLocaleString("en-US")} grants) | ${ms(cold)} | ${ms(warm)} |`);
    record(`| baseline: one GROUP BY pass | ${ms(groupBy[0])} | ${ms(groupByWarm)} |`);
    record(`\nRatio: ${ratio(warm, groupByWarm)} (first run: ${ratio(cold, groupBy[0])}).\n`);
    targets.push({ what: "backfill ≤ 10 s (first run)", figure: ms(cold), target: "10 s", met: cold <= 10_000 });
    targets.push({ what: "backfill ≤ 3× GROUP BY", figure: ratio(warm, groupByWarm), target: "3×", met: warm <= 3 * groupByWarm });
  }
  if (wanted("leaderboards")) {
    record(`## Leaderboard queries (in process, 100 runs each)\n`);
    record(`| period | median | p95 |\n|---|---|---|`);
    const timeZone = "UTC";
    for (const period of ["week", "month", "all"] as LeaderboardPeriod[]) {
      const times: number[] = [];
      for (let i = 0; i < 110; i++) {
        const t = await timed(() => leaderboard(db, period, { timeZone, limit: 10 }));
        if (i >= 10) times.push(t);
      }
      record(`| ${period} | ${ms(median(times))} | ${ms(p95(times))} |`);
      targets.push({ what: `leaderboard (${period}) p95 ≤ 20 ms`, figure: ms(p95(times)), target: "20 ms", met: p95(times) <= 20 });
    }
    record("");
  }
  // ---- Prepare what the HTTP scenarios need while the database is ours (PGlite allows one process).
  const viewer = "u5";
  const cookie = await sessionCookie(db, viewer);
  // Twenty owners and twenty takers: people work on missions side by side, not one person ten at a time.
  const PAIRS = 20;
  const pairs = await Promise.all(
    Array.from({ length: PAIRS }, async (_, i) => {
      const owner = (await findActiveUser(db, `u${20 + i}`))!;
      const taker = (await findActiveUser(db, `u${60 + i}`))!;
      return { owner, taker, ownerToken: (await createApiToken(db, owner, "bench")).token, takerToken: (await createApiToken(db, taker, "bench")).token };
    }),
  );
  const admin = (await findActiveUser(db, "u1"))!;
  const integrationToken = (await createApiToken(db, admin, "bench", "integration")).token;
  const TRANSITIONS = kind === "postgres" ? 1_000 : 300;
  const missionsFor = async (count: number, label: string) => {
    const ids: number[] = [];
    for (const pair of pairs) ids.push(...(await openMissions(db, pair.owner.id, count / PAIRS, label)));
    return ids; // pair k owns ids[k*n .. k*n+n)
  };
  const TRANSITION_ROUNDS = 7;
  // Whole rounds, as the measured ones: after one, each side's first measured rounds still ran
  // 20–30% slower than its later ones (the app's own code, run by the worker once a batch, warms
  // up more slowly than the baseline's few lines).
  const WARM_ROUNDS = 3;
  const warmIds: number[][] = [];
  for (let r = 1; r <= WARM_ROUNDS; r++) warmIds.push(await missionsFor(TRANSITIONS, `Warm-up mission (round ${r})`));
  const roundIds: number[][] = [];
  for (let r = 1; r <= TRANSITION_ROUNDS; r++) roundIds.push(await missionsFor(TRANSITIONS, `Benchmark mission (round ${r})`));
  const baselineIds = await missionsFor(TRANSITIONS, "Baseline mission");
  const emails = (await db.select({ id: users.id, email: users.email }).from(users)).slice(0, 200);
  if (kind === "pglite") await database.close();
  if (!["page", "transitions", "ingestion", "leaderboard-pages", "scale-out"].some((section) => wanted(section as (typeof SECTIONS)[number]))) {
    if (kind === "postgres") await database.close();
    return;
  }

  log("Building (BENCH_BUILD=1)…");
  const build = spawn(process.execPath, ["node_modules/next/dist/bin/next", "build"], { env: { ...process.env, BENCH_BUILD: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  build.stdout!.on("data", () => {});
  build.stderr!.on("data", (d: Buffer) => process.stderr.write(d));
  if ((await new Promise<number | null>((r) => build.on("exit", r))) !== 0) throw new Error("next build failed");

  const serverEnv = {
    ...dbEnv,
    NODE_ENV: "production",
    AUTH_URL: `http://localhost:${PORTS[0]}`,
    AUTH_SECRET: "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
    AUTH_COMPANY_ISSUER: "http://localhost:3999",
    AUTH_COMPANY_ID: "bench",
    AUTH_COMPANY_SECRET: "bench",
    AUTH_ALLOWED_DOMAINS: "example.com",
    JOBS_INTERVAL_SECONDS: "0",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  fs.mkdirSync(".data", { recursive: true });
  for (const port of PORTS) fs.rmSync(`.data/bench-server-${port}.log`, { force: true });
  const servers = [startServer(PORTS[0], serverEnv)];
  try {
    await waitForServer(PORTS[0]);
    const base = `http://localhost:${PORTS[0]}`;
    const localPostgres = kind === "postgres" && isLocalPostgres(dbEnv.DATABASE_URL);
    const measured = (work: () => Promise<HttpFigures>) => measuringCpu(servers[0].pid!, localPostgres, work);

    if (wanted("page")) {
      log("Missions page…");
      // Alternating rounds, so neither side gains from running first or last on a noisy machine.
      const page = { headers: { cookie }, duration: 5 };
      const rounds: Record<"all" | "available" | "plain", HttpFigures[]> = { all: [], available: [], plain: [] };
      const urls = { all: `${base}/missions?pageSize=50`, available: `${base}/missions?filter=available&pageSize=50`, plain: `${base}/bench/missions` };
      for (const kind of ["all", "available", "plain"] as const) await warmThenLoad({ ...page, url: urls[kind] }, { duration: 2 });
      for (let round = 0; round < 3; round++) {
        for (const kind of ["all", "plain", "available", "plain"] as const) {
          await load({ ...page, url: urls[kind], duration: 1 });
          rounds[kind].push(await measured(() => load({ ...page, url: urls[kind] })));
        }
      }
      const [all, available, plain] = [medians(rounds.all), medians(rounds.available), medians(rounds.plain)];
      record(`## Missions page, signed in, 50 rows (10 connections; medians of alternating 5 s rounds)\n`);
      record(CPU_HEADER);
      record(row("Missions: All", all));
      record(row("Missions: Available", available));
      record(row("baseline: 50 rows from one SELECT", plain));
      record(`\nRatios: All ${ratio(all.rps, plain.rps)}, Available ${ratio(available.rps, plain.rps)} of the baseline's req/s.\n`);
      targets.push({ what: "Missions page (All) ≥ 0.8× baseline req/s", figure: ratio(all.rps, plain.rps), target: "0.8×", met: all.rps >= 0.8 * plain.rps });
      targets.push({ what: "Missions page (Available) ≥ 0.8× baseline req/s", figure: ratio(available.rps, plain.rps), target: "0.8×", met: available.rps >= 0.8 * plain.rps });
    }
    if (wanted("transitions")) {
      log("Transitions…");
      // Request i goes to mission i, with the token of that mission's taker (start, complete) or owner (accept).
      const through = (ids: number[], action: string, as: "taker" | "owner") => {
        let i = 0;
        const perPair = ids.length / PAIRS;
        return () => {
          // Consecutive requests go to different pairs, as concurrent work by different people.
          const n = i++ % ids.length;
          const k = n % PAIRS;
          const id = ids[k * perPair + Math.floor(n / PAIRS)];
          return { path: `/api/v1/missions/${id}/${action}`, headers: { authorization: `Bearer ${as === "taker" ? pairs[k].takerToken : pairs[k].ownerToken}` } };
        };
      };
      const run = (path: () => { path: string; headers?: Record<string, string> }, amount = TRANSITIONS) =>
        load({ url: base, method: "POST", amount, connections: 10, next: path });
      let b = 0;
      const update = () => run(() => ({ path: `/api/bench/update/${baselineIds[b++ % baselineIds.length]}` }));
      // Unmeasured rounds first (their own missions through the same steps, alternating with the
      // baseline), then rounds that alternate with the baseline, so neither side gains from when
      // it ran on a noisy machine.
      for (const ids of warmIds) {
        for (const [action, as] of [["start", "taker"], ["complete", "taker"], ["accept", "owner"]] as const) await run(through(ids, action, as));
        await update();
      }
      const rounds: Record<"start" | "complete" | "accept" | "update", HttpFigures[]> = { start: [], complete: [], accept: [], update: [] };
      for (const ids of roundIds) {
        rounds.start.push(await measured(() => run(through(ids, "start", "taker"))));
        rounds.update.push(await measured(update));
        rounds.complete.push(await measured(() => run(through(ids, "complete", "taker"))));
        rounds.update.push(await measured(update));
        rounds.accept.push(await measured(() => run(through(ids, "accept", "owner"))));
      }
      const [start, complete, accept, baseline] = [medians(rounds.start), medians(rounds.complete), medians(rounds.accept), medians(rounds.update)];
      record(`## Mission transitions through the API (10 connections, ${PAIRS} owners and ${PAIRS} takers; medians of ${TRANSITION_ROUNDS} alternating rounds of ${TRANSITIONS})\n`);
      record(`Each is the token lookup, then one statement (one transaction): the UPDATE, conditional on the state and the actor's right to act, with history, activity event, notifications and read mark; the event's points and achievements are paid and evaluated right after, in batches, by the NOTIFY-driven worker, in the same server during the run. The CPU columns are the user + system time, per request, of the server's process and of the PostgreSQL server's processes over each round (medians), from /proc.\n`);
      record(CPU_HEADER);
      record(row("start", start));
      record(row("complete", complete));
      record(row("accept", accept));
      record(row("baseline: one UPDATE", baseline));
      record(`\nRatios: start ${ratio(start.rps, baseline.rps)}, complete ${ratio(complete.rps, baseline.rps)}, accept ${ratio(accept.rps, baseline.rps)}.\n`);
      record(`Each round's req/s, in order (the baseline runs after start and after complete): ${Object.entries(rounds).map(([name, f]) => `${name} ${f.map((r) => r.rps.toFixed(0)).join(" ")}`).join("; ")}.\n`);
      for (const [name, f] of [["start", start], ["complete", complete], ["accept", accept]] as const) {
        targets.push({ what: `transition ${name} ≥ 0.7× baseline req/s`, figure: ratio(f.rps, baseline.rps), target: "0.7×", met: f.rps >= 0.7 * baseline.rps });
      }
    }
    if (wanted("ingestion")) {
      log("Ingestion…");
      const BATCHES = kind === "postgres" ? 30 : 10;
      let batch = 0;
      const events = (n: number) =>
        Array.from({ length: 1000 }, (_, i) => ({
          type: "case.resolved",
          actor: emails[(n * 7 + i) % emails.length].email,
          occurredAt: new Date(Date.now() - ((n * 1000 + i) % 86_400) * 1000).toISOString(),
          externalId: `bench-${n}-${i}`,
          source: "bench",
          attributes: { channel: ["email", "phone", "chat", "social"][i % 4], satisfaction: i % 3 ? "good" : "bad" },
        }));
      const ingest = await warmThenLoad(
        {
          url: `${base}/api/v1/activities`,
          method: "POST",
          headers: { authorization: `Bearer ${integrationToken}`, "content-type": "application/json" },
          amount: BATCHES,
          connections: 2,
          next: () => ({ body: JSON.stringify({ events: events(batch++) }) }),
        },
        { amount: 3 },
      );
      const idOf = new Map(emails.map((e) => [e.email, e.id]));
      let plainBatch = 10_000;
      const insert = await warmThenLoad(
        {
          url: `${base}/api/bench/insert`,
          method: "POST",
          headers: { "content-type": "application/json" },
          amount: BATCHES,
          connections: 2,
          next: () => ({
            body: JSON.stringify({
              rows: events(plainBatch++).map((e) => ({ type: e.type, actorId: idOf.get(e.actor), occurredAt: e.occurredAt, attributes: e.attributes, source: "plain", externalId: e.externalId })),
            }),
          }),
        },
        { amount: 3 },
      );
      record(`## Bulk activity ingestion (batches of 1,000 events, ${BATCHES} batches, 2 connections)\n`);
      record(`| | events/s | median per batch | p95 per batch | batches |\n|---|---|---|---|---|`);
      record(`| POST /api/v1/activities (validation, idempotency, points, achievements) | ${Math.round(ingest.rps * 1000)} | ${ms(ingest.medianMs)} | ${ms(ingest.p95Ms)} | ${ingest.requests}${ingest.errors ? ` (${ingest.errors} errors)` : ""} |`);
      record(`| baseline: plain multi-row INSERT | ${Math.round(insert.rps * 1000)} | ${ms(insert.medianMs)} | ${ms(insert.p95Ms)} | ${insert.requests} |`);
      record(`\nRatio: ${ratio(ingest.rps, insert.rps)}.\n`);
      targets.push({ what: "ingestion ≥ 5,000 events/s", figure: `${Math.round(ingest.rps * 1000)}/s`, target: "5,000/s", met: ingest.rps * 1000 >= 5000 });
    }
    if (wanted("leaderboard-pages")) {
      log("Leaderboard pages…");
      record(`## Leaderboard pages over HTTP (10 connections, 10 s)\n`);
      record(`| | req/s | median | p95 | requests |\n|---|---|---|---|---|`);
      for (const period of ["week", "month", "all"]) record(row(`/leaderboard?period=${period}`, await warmThenLoad({ headers: { cookie }, duration: 10, url: `${base}/leaderboard?period=${period}` })));
      record("");
    }
    if (kind === "postgres" && wanted("scale-out")) {
      log("Scale-out…");
      const again = await openDatabase({ kind: "postgres", url: dbEnv.DATABASE_URL, poolSize: 4 });
      record(await scaleOutCheck(again.db, serverEnv, servers));
      await again.close();
    }
  } finally {
    for (const s of servers) s.kill("SIGTERM");
  }

  record(`## Targets\n`);
  if (kind === "pglite") record(`The targets are for PostgreSQL at full size (issue 6); on PGlite, one process at a tenth of the size, they are shown for reference.\n`);
  record(`| target | measured | met |\n|---|---|---|`);
  for (const t of targets) record(`| ${t.what} | ${t.figure} | ${t.met ? "yes" : "**no**"} |`);
  record(`\nReproduce: \`DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench\` (PostgreSQL, full size) or \`npm run bench\` (PGlite, small).`);
  if (only.length === 0) {
    fs.writeFileSync(`bench/results-${kind}.md`, `${lines.join("\n")}\n`);
    log(`\nWrote bench/results-${kind}.md`);
  }
  if (kind === "postgres") await database.close();
}

/** Two instances on one PostgreSQL: a comment made through one reaches a browser on the other; a period award runs once. */
async function scaleOutCheck(db: Db, serverEnv: Record<string, string>, servers: ChildProcess[]): Promise<string> {
  servers.push(startServer(PORTS[1], { ...serverEnv, AUTH_URL: `http://localhost:${PORTS[1]}` }));
  await waitForServer(PORTS[1]);
  const owner = (await findActiveUser(db, "u11"))!;
  const commenter = (await findActiveUser(db, "u12"))!;
  const [mission] = await openMissions(db, owner.id, 1, "Scale-out mission");
  const cookie = await sessionCookie(db, owner.id);
  const token = (await createApiToken(db, commenter, "scale-out")).token;

  const controller = new AbortController();
  const stream = await fetch(`http://localhost:${PORTS[1]}/api/events`, { headers: { cookie }, signal: controller.signal });
  const reader = stream.body!.getReader();
  const marker = `hello from instance A ${crypto.randomUUID().slice(0, 8)}`;
  const heard = (async () => {
    let text = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return false;
      text += new TextDecoder().decode(value);
      if (text.includes(marker)) return true;
    }
  })();
  await new Promise((r) => setTimeout(r, 300));
  const sentAt = performance.now();
  await fetch(`http://localhost:${PORTS[0]}/api/v1/missions/${mission}/comments`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ body: marker }),
  });
  const delivered = await Promise.race([heard, new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
  const latency = performance.now() - sentAt;
  controller.abort();

  // The weekly award for last week, undone, then left to both instances' timers at once.
  const [champion] = await db.select({ id: achievements.id }).from(achievements).where(eq(achievements.key, "weekly-champion"));
  const [week] = rowsOf(
    await db.execute(sql`select to_char(date_trunc('week', now() at time zone 'UTC') - interval '1 week', 'IYYY-"W"IW') as key,
      (date_trunc('week', now() at time zone 'UTC') - interval '1 week') at time zone 'UTC' as start`),
  );
  await db.execute(sql`delete from user_achievements where achievement_id = ${champion.id} and period_key = ${String(week.key)}`);
  await db.update(achievements).set({ awardedThrough: new Date(week.start as string) }).where(eq(achievements.id, champion.id));
  for (const s of servers.splice(0)) s.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 1500));
  const jobEnv = { ...serverEnv, JOBS_INTERVAL_SECONDS: "1" };
  servers.push(startServer(PORTS[0], jobEnv), startServer(PORTS[1], { ...jobEnv, AUTH_URL: `http://localhost:${PORTS[1]}` }));
  await Promise.all(PORTS.map(waitForServer));
  await new Promise((r) => setTimeout(r, 5000));
  const grants = await db.$count(userAchievements, sql`${userAchievements.achievementId} = ${champion.id} and ${userAchievements.periodKey} = ${String(week.key)}`);
  const told = rowsOf(await db.execute(sql`select count(*)::int as n from notifications where message like ${`%Weekly Champion%for ${String(week.key)}%`}`))[0].n;
  return [
    `## Scale-out: two instances on one PostgreSQL\n`,
    `- A comment posted through instance A (port ${PORTS[0]}) reached the owner's event stream on instance B (port ${PORTS[1]}): ${delivered ? `yes, in ${ms(latency)}` : "**no**"}.`,
    `- Weekly Champion for ${String(week.key)}, left to both instances' job timers at once: ${grants} grant(s), ${told} notification(s) — ${grants >= 1 && Number(told) === grants ? "awarded exactly once" : "**not exactly once**"}.\n`,
  ].join("\n");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
