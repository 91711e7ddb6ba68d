import type { NextConfig } from "next";

// Room for a form with several attachments; each file is held to ATTACHMENT_MAX_MB by the domain.
const MAX_SUBMISSION = "105mb";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: MAX_SUBMISSION },
    // The proxy buffers request bodies; past this a form's files would arrive cut short.
    proxyClientMaxBodySize: MAX_SUBMISSION,
  },
};

export default nextConfig;
