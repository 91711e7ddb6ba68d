import crypto from "node:crypto";
import { and, desc, eq, isNull, or, sql } from "drizzle-orm";
import type { Database, Db } from "@/db/client";
import { apiTokens, departments, users, type ApiTokenKind } from "@/db/schema";
import { builtOncePer } from "@/db/sql-helpers";
import { bearerCacheOf, forgetBearers } from "./bearer-cache";
import { requireAdmin } from "@/lib/auth/policy";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { personColumns, type CurrentUser } from "@/lib/users/queries";

const TOKEN_PREFIX = "ma_";

function hash(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

const tokenInfoColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  kind: apiTokens.kind,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

export type ApiTokenInfo = { id: number; name: string; kind: ApiTokenKind; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

/** Returns the token itself exactly once; only its hash is kept. Integration tokens are for admins. */
export async function createApiToken(db: Db, owner: CurrentUser, name: string, kind: ApiTokenKind = "personal"): Promise<{ token: string; info: ApiTokenInfo }> {
  if (kind === "integration") requireAdmin(owner);
  const cleanName = name.trim();
  if (!cleanName) throw new ValidationError({ name: ["Give the token a name, e.g. the script that will use it."] });
  if (cleanName.length > 100) throw new ValidationError({ name: ["Keep the name under 100 characters."] });
  const token = `${TOKEN_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  const [info] = await db
    .insert(apiTokens)
    .values({ userId: owner.id, kind, name: cleanName, tokenHash: hash(token), prefix: token.slice(0, 10) })
    .returning(tokenInfoColumns);
  return { token, info };
}

export async function listApiTokens(db: Db, owner: CurrentUser, kind: ApiTokenKind = "personal"): Promise<ApiTokenInfo[]> {
  return db
    .select(tokenInfoColumns)
    .from(apiTokens)
    .where(and(eq(apiTokens.kind, kind), kind === "personal" ? eq(apiTokens.userId, owner.id) : undefined))
    .orderBy(desc(apiTokens.id));
}

/** People revoke their own personal tokens; admins revoke integration tokens. Others' tokens are 404. */
export async function revokeApiToken(db: Db, actor: CurrentUser, tokenId: number): Promise<void> {
  const ownToken = and(eq(apiTokens.id, tokenId), eq(apiTokens.kind, "personal"), eq(apiTokens.userId, actor.id));
  const integrationToken = actor.role === "admin" ? and(eq(apiTokens.id, tokenId), eq(apiTokens.kind, "integration")) : undefined;
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
    .where(integrationToken ? or(ownToken, integrationToken) : ownToken)
    .returning({ id: apiTokens.id });
  if (revoked.length === 0) throw new NotFoundError("No such token.");
  forgetBearers(db);
}

export type TokenBearer = { user: CurrentUser; kind: ApiTokenKind };

const liveTokenBearer = builtOncePer((db: Db) =>
  db
    .select({ ...personColumns, tokenId: apiTokens.id, kind: apiTokens.kind, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.id, apiTokens.userId), eq(users.active, true)))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(and(eq(apiTokens.tokenHash, sql.placeholder("tokenHash")), isNull(apiTokens.revokedAt)))
    .prepare("live_token_bearer"),
);

type LiveToken = TokenBearer & { tokenId: number; lastUsedAt: Date | null };

/**
 * The person a bearer token speaks for, if it is live and they are active. Looked up once, then
 * remembered by this instance until a revocation or a change to the person is heard (BearerCache).
 */
export async function authenticateApiToken(database: Database, token: string): Promise<TokenBearer | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const tokenHash = hash(token);
  const live = await bearerCacheOf<LiveToken>(database).get(tokenHash, async () => {
    const [row] = await liveTokenBearer(database.db).execute({ tokenHash });
    if (!row) return null;
    const { tokenId, kind, lastUsedAt, ...user } = row;
    return { user: { ...user, name: user.name ?? user.email }, kind, tokenId, lastUsedAt };
  });
  if (!live) return null;
  // "Last used" to the minute is plenty, and spares a write on nearly every request.
  if (!live.lastUsedAt || Date.now() - live.lastUsedAt.getTime() > 60_000) {
    live.lastUsedAt = new Date();
    await database.db.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, live.tokenId));
  }
  return { user: live.user, kind: live.kind };
}
