import { createMission } from "@/lib/missions/commands";
import { getMission, listMissions } from "@/lib/missions/queries";
import { missionFieldsFromApi, missionListSchema } from "@/lib/validation/missions";
import { parseOrThrow } from "@/lib/validation/parse";
import { apiRoute, jsonBody } from "../_lib/api-route";

/** GET /api/v1/missions?filter=all|created|available|mine&status=&q=&sort=activity|due&page=&pageSize= */
export const GET = apiRoute(async ({ request, user, db }) => {
  const query = parseOrThrow(missionListSchema, Object.fromEntries(new URL(request.url).searchParams));
  const { rows, ...paging } = await listMissions(db, user, query);
  return Response.json({ missions: rows, ...paging });
});

/** POST /api/v1/missions {description, reward, dueAt?, audience?: "everyone" | departmentId[], parentId?} */
export const POST = apiRoute(async ({ request, user, db }) => {
  const fields = missionFieldsFromApi(await jsonBody(request));
  const { id } = await createMission(db, user, fields);
  return Response.json(await getMission(db, user, id), { status: 201, headers: { Location: `/api/v1/missions/${id}` } });
});
