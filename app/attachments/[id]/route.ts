import { getDb } from "@/db/client";
import { readAttachment } from "@/lib/attachments/attachments";
import { getCurrentUser } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";

/** Always a download, never rendered by the browser: an uploaded HTML or SVG file cannot run here. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in to download files.", { status: 401 });
  try {
    const file = await readAttachment(await getDb(), (await params).id);
    const asciiName = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/[\\"]/g, "_");
    return new Response(new Uint8Array(file.data), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Length": String(file.data.byteLength),
        "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof DomainError) return new Response(error.message, { status: error.status });
    throw error;
  }
}
