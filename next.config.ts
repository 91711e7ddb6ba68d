import type { NextConfig } from "next";

// Room for a form with several attachments; each file is held to the attachment limit by the domain.
const MAX_SUBMISSION = "105mb";

/**
 * `npm run bench` builds with BENCH_BUILD=1: the baseline pages and routes (files named
 * `*.bench.ts(x)`) become part of the app, in a separate build folder. A normal build does not
 * know them, so they can never be reached in production.
 */
const benchBuild = process.env.BENCH_BUILD === "1";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  pageExtensions: benchBuild ? ["bench.tsx", "bench.ts", "tsx", "ts"] : ["tsx", "ts"],
  distDir: benchBuild ? ".next-bench" : ".next",
  experimental: {
    serverActions: { bodySizeLimit: MAX_SUBMISSION },
    // The proxy buffers request bodies; past this a form's files would arrive cut short.
    proxyClientMaxBodySize: MAX_SUBMISSION,
  },
};

export default nextConfig;
