import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { markTourSeen } from "@/lib/users/tour";

/**
 * The signed-in person answered the Quick-Start Tour offer (took it or declined it). A plain route
 * the offer calls with `fetch(…, { keepalive: true })` rather than a server action: an action sent
 * while the page was still starting up was sometimes aborted by the router, and one that revalidated
 * sometimes never finished under `next start` (vercel/next.js#95714), so the offer came back.
 */
export async function POST() {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Sign in first." }, { status: 401 });
  await markTourSeen(await getDb(), user.id);
  return new Response(null, { status: 204 });
}
