/**
 * `npm run dev`: the app on the embedded defaults. Starts the local OpenID Provider with the demo
 * directory, then `next dev` with settings pointing at it. Anything already set in the environment
 * wins, so the same command can run against PostgreSQL or another IdP.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DEMO_ADMIN_GROUP, DEMO_MANAGER_GROUP } from "@/lib/demo-directory";
import { devIdpOptionsFromEnv, startDevIdp } from "./dev-idp";

const PORT = Number(process.env.PORT ?? 3000);
const APP_URL = `http://localhost:${PORT}`;

/** A random secret kept under .data/, so dev sessions survive restarts without a committed secret. */
function devAuthSecret(): string {
  const file = path.join(".data", "dev-auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(".data", { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function main() {
  const idpOptions = devIdpOptionsFromEnv({ ...process.env, DEV_IDP_APP_URLS: process.env.DEV_IDP_APP_URLS ?? APP_URL });
  const usesDevIdp = !process.env.AUTH_COMPANY_ISSUER;
  const defaults: Record<string, string> = {
    AUTH_URL: APP_URL,
    AUTH_SECRET: devAuthSecret(),
    AUTH_ALLOWED_DOMAINS: "example.com",
    AUTH_ADMIN_GROUP: DEMO_ADMIN_GROUP,
    AUTH_MANAGER_GROUP: DEMO_MANAGER_GROUP,
  };
  if (usesDevIdp) {
    const idp = await startDevIdp(idpOptions);
    console.log(`Company SSO (development): ${idp.issuer}; sign in as any demo user, e.g. sally@example.com`);
    Object.assign(defaults, {
      AUTH_COMPANY_ISSUER: idp.issuer,
      AUTH_COMPANY_ID: idpOptions.clientId,
      AUTH_COMPANY_SECRET: idpOptions.clientSecret,
    });
  }
  const env = { ...defaults, ...process.env } as NodeJS.ProcessEnv;
  const next = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", "--port", String(PORT)], { env, stdio: "inherit" });
  const stop = () => next.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  next.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
