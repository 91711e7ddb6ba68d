import { z } from "zod";
import { MISSION_STATUSES } from "@/db/schema";
import { MISSION_ACTIONS } from "@/lib/missions/lifecycle";
import { apiMissionSchema, commentSchema, missionListSchema, noteSchema } from "@/lib/validation/missions";

/** The API's description, generated from the same zod schemas that validate requests. */
function openApiDocument() {
  const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });
  const error = {
    description: "Refused",
    content: {
      "application/json": {
        schema: {
          type: "object",
          required: ["error"],
          properties: { error: { type: "string" }, fieldErrors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } } },
        },
      },
    },
  };
  const errors = { 400: error, 401: error, 403: error, 404: error, 409: error, 422: error };
  const json = (s: z.ZodType) => ({ required: true, content: { "application/json": { schema: schema(s) } } });
  const listParams = Object.entries(schema(missionListSchema).properties ?? {}).map(([name, s]) => ({ name, in: "query", required: false, schema: s }));
  const idParam = { name: "id", in: "path", required: true, schema: { type: "integer" } };
  return {
    openapi: "3.1.0",
    info: { title: "Missions & Achievements API", version: "1", description: "Authenticate with a personal API token from Settings: `Authorization: Bearer ma_…`." },
    servers: [{ url: "/api/v1" }],
    components: { securitySchemes: { token: { type: "http", scheme: "bearer" } } },
    security: [{ token: [] }],
    paths: {
      "/missions": {
        get: { summary: "List missions (same filters as the Missions page)", parameters: listParams, responses: { 200: { description: "A page of missions" }, ...errors } },
        post: { summary: "Create a mission", requestBody: json(apiMissionSchema), responses: { 201: { description: "The new mission" }, ...errors } },
      },
      "/missions/{id}": { get: { summary: "One mission with history, comments and the actions you may take", parameters: [idParam], responses: { 200: { description: "The mission" }, ...errors } } },
      "/missions/{id}/{action}": {
        post: {
          summary: "Move a mission along its life cycle (reject and cancel need a note)",
          parameters: [idParam, { name: "action", in: "path", required: true, schema: { type: "string", enum: MISSION_ACTIONS } }],
          requestBody: { ...json(noteSchema), required: false },
          responses: { 200: { description: `The new status, one of ${MISSION_STATUSES.join(", ")}` }, ...errors },
        },
      },
      "/missions/{id}/comments": { post: { summary: "Comment on a mission", parameters: [idParam], requestBody: json(commentSchema), responses: { 201: { description: "The new comment's id" }, ...errors } } },
    },
  };
}

export function GET() {
  return Response.json(openApiDocument());
}
