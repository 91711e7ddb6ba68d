import { defineConfig, devices } from "@playwright/test";
import { DEMO_ADMIN_GROUP, DEMO_MANAGER_GROUP } from "./lib/demo-directory";

/**
 * E2E runs the production build (`next build && next start`) against the real local OpenID Provider.
 * Database: the throwaway PostgreSQL database in DATABASE_URL when set (CI), else a fresh PGlite
 * directory under .data/e2e.
 */
const APP_PORT = 3100;
const IDP_PORT = 3101;
export const APP_URL = `http://localhost:${APP_PORT}`;
const client = { AUTH_COMPANY_ID: "missions-e2e", AUTH_COMPANY_SECRET: "missions-e2e-secret" };

const appEnv: Record<string, string> = {
  ...client,
  AUTH_URL: APP_URL,
  AUTH_SECRET: "e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
  AUTH_COMPANY_ISSUER: `http://localhost:${IDP_PORT}`,
  AUTH_ALLOWED_DOMAINS: "example.com",
  AUTH_ADMIN_GROUP: DEMO_ADMIN_GROUP,
  AUTH_MANAGER_GROUP: DEMO_MANAGER_GROUP,
  SEED_DEMO_DATA: "true",
  NEXT_TELEMETRY_DISABLED: "1",
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : { PGLITE_DIR: ".data/e2e" }),
};

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      command: "npx tsx scripts/dev-idp.ts",
      url: `http://localhost:${IDP_PORT}/.well-known/openid-configuration`,
      env: { ...client, DEV_IDP_PORT: String(IDP_PORT), DEV_IDP_APP_URLS: APP_URL },
      reuseExistingServer: false,
      stdout: "ignore",
    },
    {
      command: `rm -rf .data/e2e .data/e2e.lock && npx next build && node node_modules/next/dist/bin/next start --port ${APP_PORT}`,
      url: `${APP_URL}/signin`,
      env: appEnv,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "pipe",
    },
  ],
});
