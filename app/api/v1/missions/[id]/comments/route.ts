import { NotFoundError } from "@/lib/errors";
import { addComment } from "@/lib/missions/comments";
import { commentSchema } from "@/lib/validation/missions";
import { parseOrThrow } from "@/lib/validation/parse";
import { idFrom } from "../../../../../_lib/action-state";
import { apiRoute, jsonBody } from "../../../_lib/api-route";

/** POST /api/v1/missions/:id/comments {body} */
export const POST = apiRoute<{ id: string }>(async ({ request, user, db, params }) => {
  const id = idFrom(params.id);
  if (!id) throw new NotFoundError("No such mission.");
  const { body } = parseOrThrow(commentSchema, await jsonBody(request));
  return Response.json(await addComment(db, user, id, body), { status: 201 });
});
