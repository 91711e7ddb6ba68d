import os from "node:os";
import { describe, expect, it } from "vitest";
import { ConfigError, readAuthEnv, readDatabaseEnv, validateServerEnv } from "@/lib/env";

const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://app@db.internal:5432/missions",
  AUTH_URL: "https://missions.example.com",
  AUTH_SECRET: "x".repeat(40),
  AUTH_COMPANY_ISSUER: "https://login.example.com/realms/staff",
  AUTH_COMPANY_ID: "missions",
  AUTH_COMPANY_SECRET: "s3cret",
  AUTH_ALLOWED_DOMAINS: "example.com, Example.org",
};

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration", () => {
  it("accepts a complete production configuration and normalises lists", () => {
    expect(() => validateServerEnv(production)).not.toThrow();
    expect(readAuthEnv(production).AUTH_ALLOWED_DOMAINS).toEqual(["example.com", "example.org"]);
  });

  it.each(["AUTH_SECRET", "AUTH_COMPANY_ISSUER", "AUTH_COMPANY_ID", "AUTH_COMPANY_SECRET", "AUTH_ALLOWED_DOMAINS", "DATABASE_URL", "AUTH_URL"])(
    "stops with a message naming %s when it is missing in production",
    (name) => {
      const env: Record<string, string | undefined> = { ...production, [name]: undefined };
      expect(errorOf(() => validateServerEnv(env))).toMatch(new RegExp(`^  ${name} `, "m"));
    },
  );

  it("names every malformed setting at once", () => {
    const message = errorOf(() =>
      validateServerEnv({ ...production, DATABASE_URL: "mysql://nope", AUTH_SECRET: "short", AUTH_ALLOWED_DOMAINS: "not a domain" }),
    );
    expect(message).toMatch(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(message).toMatch(/AUTH_SECRET must be at least 32 characters/);
    expect(message).toMatch(/AUTH_ALLOWED_DOMAINS.* must be a domain name/);
  });

  it("treats an empty value as unset", () => {
    expect(errorOf(() => validateServerEnv({ ...production, AUTH_COMPANY_ID: "" }))).toMatch(/AUTH_COMPANY_ID is required/);
  });

  it("runs on the embedded database by default outside production, and on purpose in production", () => {
    expect(readDatabaseEnv({}).DATABASE_URL).toBeUndefined();
    expect(readDatabaseEnv({ NODE_ENV: "production", PGLITE_DIR: "/var/lib/missions" }).PGLITE_DIR).toBe("/var/lib/missions");
  });

  it("refuses a pool of one connection, which would queue every request behind any transaction", () => {
    expect(errorOf(() => readDatabaseEnv({ DATABASE_POOL_SIZE: "1" }))).toContain("DATABASE_POOL_SIZE must be at least 2");
    expect(readDatabaseEnv({ DATABASE_POOL_SIZE: "2" }).DATABASE_POOL_SIZE).toBe(2);
  });

  it("sizes the pool to the machine by default: twice its cores plus one", () => {
    expect(readDatabaseEnv({}).DATABASE_POOL_SIZE).toBe(os.availableParallelism() * 2 + 1);
  });
});
