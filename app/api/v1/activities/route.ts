import { BatchError, ingestEvents } from "@/lib/activity/ingest";
import { apiError, apiRoute, jsonBody } from "../_lib/api-route";

/**
 * POST /api/v1/activities with an integration token: one event, or { events: [...] } (up to 1,000).
 * All or nothing; idempotent per (source, externalId).
 */
export const POST = apiRoute(
  async ({ request, db }) => {
    const body = await jsonBody(request);
    const events = body && typeof body === "object" && "events" in body ? (body as { events: unknown }).events : [body];
    if (!Array.isArray(events)) return apiError(400, "events must be an array of event objects.");
    try {
      return Response.json(await ingestEvents(db, events, "api"));
    } catch (error) {
      if (error instanceof BatchError) return Response.json({ error: error.message, problems: error.problems }, { status: 422 });
      throw error;
    }
  },
  { tokenKind: "integration" },
);
