import { getDatabase, type Db } from "@/db/client";
import type { ApiTokenKind } from "@/db/schema";
import { authenticateApiToken } from "@/lib/api-tokens/tokens";
import { DomainError, type FieldErrors } from "@/lib/errors";
import type { CurrentUser } from "@/lib/users/queries";

export type ApiContext<P> = { request: Request; user: CurrentUser; db: Db; params: P };

export function apiError(status: number, error: string, fieldErrors?: FieldErrors, headers?: HeadersInit): Response {
  return Response.json(fieldErrors && Object.keys(fieldErrors).length ? { error, fieldErrors } : { error }, { status, headers });
}

/**
 * Every /api/v1 handler: authenticate the bearer token (401), then run the handler, turning the
 * domain's refusals into JSON errors with their status (400/403/404/409/422).
 */
export function apiRoute<P = Record<string, never>>(handler: (ctx: ApiContext<P>) => Promise<Response>, { tokenKind = "personal" as ApiTokenKind } = {}) {
  return async (request: Request, route: { params: Promise<P> }): Promise<Response> => {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "")?.[1];
    const challenge = { "WWW-Authenticate": 'Bearer realm="missions"' };
    if (!token) return apiError(401, "Authenticate with an API token: Authorization: Bearer <token>.", undefined, challenge);
    const database = await getDatabase();
    const db = database.db;
    const bearer = await authenticateApiToken(database, token);
    if (!bearer) return apiError(401, "This API token is unknown or revoked, or its user is deactivated.", undefined, challenge);
    if (bearer.kind !== tokenKind) {
      return apiError(403, tokenKind === "personal" ? "Use a personal API token (Settings) for missions." : "Use an integration API token for this endpoint.");
    }
    try {
      return await handler({ request, user: bearer.user, db, params: await route.params });
    } catch (error) {
      if (error instanceof DomainError) return apiError(error.status, error.message, error.fieldErrors);
      throw error;
    }
  };
}

/** The request's JSON body; a malformed one is a 400 that says so. */
export async function jsonBody(request: Request): Promise<unknown> {
  // A request with neither a length nor chunked encoding has no body (RFC 9112 §6.3): nothing to read.
  if (!request.headers.has("transfer-encoding") && (request.headers.get("content-length") ?? "0") === "0") return {};
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError("The request body is not valid JSON.", 400);
  }
}
