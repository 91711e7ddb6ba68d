import { NotFoundError } from "@/lib/errors";
import { getMission } from "@/lib/missions/queries";
import { idFrom } from "../../../../_lib/action-state";
import { apiRoute } from "../../_lib/api-route";

export const GET = apiRoute<{ id: string }>(async ({ user, db, params }) => {
  const id = idFrom(params.id);
  if (!id) throw new NotFoundError("No such mission.");
  return Response.json(await getMission(db, user, id));
});
