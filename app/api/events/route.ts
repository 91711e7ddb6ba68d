import { getDatabase } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { getLiveHub, type LiveEvent } from "@/lib/notifications/live";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 25_000;

/** Server-Sent Events: this person's new notifications, and which missions just changed. */
export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Sign in first." }, { status: 401 });
  const hub = getLiveHub(await getDatabase());
  const encoder = new TextEncoder();
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = await hub.subscribe(user.id, (event: LiveEvent) => send(`event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`));
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      send("retry: 3000\n: connected\n\n");
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" },
  });
}
