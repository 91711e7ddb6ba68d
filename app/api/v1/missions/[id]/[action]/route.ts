import { NotFoundError } from "@/lib/errors";
import { transitionMission } from "@/lib/missions/commands";
import { MISSION_ACTIONS, type MissionAction } from "@/lib/missions/lifecycle";
import { noteSchema } from "@/lib/validation/missions";
import { parseOrThrow } from "@/lib/validation/parse";
import { idFrom } from "../../../../../_lib/action-state";
import { apiRoute, jsonBody } from "../../../_lib/api-route";

/** POST /api/v1/missions/:id/start|complete|accept|reject|withdraw|cancel  {note?} (reject and cancel need one) */
export const POST = apiRoute<{ id: string; action: string }>(async ({ request, user, db, params }) => {
  const id = idFrom(params.id);
  if (!id || !MISSION_ACTIONS.includes(params.action as MissionAction)) throw new NotFoundError("No such mission or action.");
  const { note } = parseOrThrow(noteSchema, await jsonBody(request));
  return Response.json(await transitionMission(db, user, id, params.action as MissionAction, note));
});
