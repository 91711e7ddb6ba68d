import os from "node:os";
import { z } from "zod";

/**
 * Configuration comes only from the environment, validated here. The database part is read on its
 * own so scripts and tests can open a database without the sign-in settings.
 */

const commaList = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean),
  );

const flag = z.enum(["true", "false", "1", "0"], { error: "must be true or false" }).transform((v) => v === "true" || v === "1");

const domainName = z.string().regex(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/, "must be a domain name such as example.com");

const allowedDomains = z
  .string({ error: "is required: the company's email domains, comma-separated" })
  .pipe(commaList)
  .pipe(z.array(domainName).min(1, "must list at least one email domain"));

/**
 * Connections per instance when DATABASE_POOL_SIZE is not set: twice the cores plus one, Prisma's
 * default after HikariCP's rule for pool sizes. Connections beyond what the machines can run at
 * once only queue inside PostgreSQL and contend there: on the 2-core benchmark machine, 5
 * connections did mission transitions with ~10% less database CPU each, and 10-15% faster, than 10.
 */
export const DEFAULT_POOL_SIZE = os.availableParallelism() * 2 + 1;

const databaseEnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" }).optional(),
    PGLITE_DIR: z.string().min(1).optional(),
    // Two at least: with one, every request would wait behind any transaction in progress, such as
    // the seconds an achievement backfill holds one for.
    DATABASE_POOL_SIZE: z.coerce.number().int().min(2, "must be at least 2").max(200).default(DEFAULT_POOL_SIZE),
    DATABASE_PREPARE: flag.default(true),
    SEED_DEMO_DATA: flag.optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.DATABASE_URL && !env.PGLITE_DIR) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message: "is required in production (or set PGLITE_DIR to run on the embedded database on purpose)",
      });
    }
  });

const authEnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    AUTH_TRUST_HOST: flag.optional(),
    AUTH_SECRET: z.string({ error: "is required" }).min(32, "must be at least 32 characters (openssl rand -base64 32)"),
    AUTH_URL: z.url({ error: "must be the app's public URL, e.g. https://missions.example.com" }).optional(),
    AUTH_COMPANY_ISSUER: z.url({ error: "must be the OpenID Provider's issuer URL" }),
    AUTH_COMPANY_ID: z.string({ error: "is required" }).min(1, "is required"),
    AUTH_COMPANY_SECRET: z.string({ error: "is required" }).min(1, "is required"),
    AUTH_COMPANY_SCOPE: z.string().default("openid email profile"),
    AUTH_ALLOWED_DOMAINS: allowedDomains,
    AUTH_ADMIN_EMAILS: commaList.pipe(z.array(z.email("must be a comma-separated list of emails"))).default([]),
    AUTH_ADMIN_GROUP: z.string().min(1).optional(),
    AUTH_MANAGER_GROUP: z.string().min(1).optional(),
    AUTH_DEPARTMENT_CLAIM: z.string().min(1).default("department"),
    AUTH_GROUPS_CLAIM: z.string().min(1).default("groups"),
  })
  .superRefine((env, ctx) => {
    // Auth.js builds its callback URLs from the request's Host header only when told to trust it.
    if (env.NODE_ENV === "production" && !env.AUTH_URL && !env.AUTH_TRUST_HOST) {
      ctx.addIssue({ code: "custom", path: ["AUTH_URL"], message: "is required in production (or AUTH_TRUST_HOST=true behind a trusted proxy)" });
    }
  });

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const appEnvSchema = z.object({
  COMPANY_TIME_ZONE: z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin").default("UTC"),
  ATTACHMENT_MAX_MB: z.coerce.number({ error: "must be a number of megabytes" }).positive().max(100, "must be at most 100").default(10),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587" }).optional(),
  EMAIL_FROM: z.string().min(3).default("Missions & Achievements <no-reply@localhost>"),
  /** How often periodic jobs (backfills, weekly awards) run; 0 switches them off in this instance. */
  JOBS_INTERVAL_SECONDS: z.coerce.number({ error: "must be a number of seconds" }).int().min(0).max(86_400).default(30),
});

export type AppEnv = z.infer<typeof appEnvSchema>;
export type DatabaseEnv = z.infer<typeof databaseEnvSchema>;
export type AuthEnv = z.infer<typeof authEnvSchema>;

export class ConfigError extends Error {
  constructor(issues: z.core.$ZodIssue[]) {
    const lines = issues.map((issue) => `  ${issue.path.join(".") || "(environment)"} ${issue.message}`);
    super(`Invalid configuration; fix these environment variables:\n${lines.join("\n")}`);
    this.name = "ConfigError";
  }
}

type Source = Record<string, string | undefined>;

/**
 * The schema's variables, empty strings treated as unset (the way shells and .env files usually
 * mean them). Only its own keys are read: enumerating process.env costs more than a database
 * lookup, and settings are read on every request.
 */
function variablesOf(schema: z.ZodObject, source: Source): Source {
  const variables: Source = {};
  for (const key of Object.keys(schema.shape)) {
    const value = source[key];
    if (value !== undefined && value !== "") variables[key] = value;
  }
  return variables;
}

function parse<T extends z.ZodObject>(schema: T, source: Source): z.infer<T> {
  const result = schema.safeParse(variablesOf(schema, source));
  if (!result.success) throw new ConfigError(result.error.issues);
  return result.data;
}

export function readDatabaseEnv(source: Source = process.env): DatabaseEnv {
  return parse(databaseEnvSchema, source);
}

export function readAppEnv(source: Source = process.env): AppEnv {
  return parse(appEnvSchema, source);
}

/** The deployment's default allowed domains (admins may override them in company settings). */
export function readDefaultAllowedDomains(source: Source = process.env): string[] {
  return parse(z.object({ AUTH_ALLOWED_DOMAINS: allowedDomains }), source).AUTH_ALLOWED_DOMAINS;
}

export function readAuthEnv(source: Source = process.env): AuthEnv {
  return parse(authEnvSchema, source);
}

/** Everything the server needs, with every problem reported at once. Called at start-up. */
export function validateServerEnv(source: Source = process.env): void {
  const issues: z.core.$ZodIssue[] = [];
  for (const schema of [databaseEnvSchema, authEnvSchema, appEnvSchema] as const) {
    const result = schema.safeParse(variablesOf(schema, source));
    if (!result.success) issues.push(...result.error.issues);
  }
  if (issues.length > 0) throw new ConfigError(issues);
}
