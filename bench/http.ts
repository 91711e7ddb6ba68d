import autocannon from "autocannon";
import type { CpuPerRequest } from "./cpu";

export type HttpFigures = { requests: number; rps: number; medianMs: number; p95Ms: number; errors: number; cpu?: CpuPerRequest };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

type Load = {
  url: string;
  headers?: Record<string, string>;
  method?: "GET" | "POST";
  connections?: number;
  /** A fixed duration (seconds) or a fixed number of requests. */
  duration?: number;
  amount?: number;
  /** Varies each request (path or body), e.g. a different mission per transition. */
  next?: () => { path?: string; body?: string; headers?: Record<string, string> };
};

/** One autocannon run; latencies are collected per response so the median and p95 are exact. */
export async function load(options: Load): Promise<HttpFigures> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  let finish!: (result: autocannon.Result) => void;
  let fail!: (error: unknown) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)));
  // With a callback autocannon returns the running instance, whose events give every latency.
  const instance = autocannon(
    {
    url: options.url,
    connections: options.connections ?? 10,
    ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? 10 }),
    headers: options.headers,
    method: options.method ?? "GET",
    requests: options.next
      ? [
          {
            setupRequest: (request) => {
              const change = options.next!();
              return { ...request, ...change, headers: { ...request.headers, ...change.headers } };
            },
          },
        ]
      : undefined,
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  // Autocannon ends a run on its one-second ticker: time the run to its last response instead.
  let lastResponseAt = started;
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    lastResponseAt = performance.now();
    latencies.push(responseTime);
    if (statusCode >= 400) errors++;
  });
  const result = await done;
  const seconds = (lastResponseAt - started) / 1000;
  latencies.sort((a, b) => a - b);
  errors += result.errors + result.timeouts;
  return { requests: latencies.length, rps: latencies.length / seconds, medianMs: percentile(latencies, 50), p95Ms: percentile(latencies, 95), errors };
}

/** A short unmeasured run first, so JIT, caches and connection pools are warm. */
export async function warmThenLoad(options: Load, warmUp: Partial<Load> = { duration: 3 }): Promise<HttpFigures> {
  await load({ ...options, ...warmUp, ...(warmUp.amount ? { amount: warmUp.amount, duration: undefined } : { amount: undefined, duration: warmUp.duration ?? 3 }) });
  return load(options);
}
