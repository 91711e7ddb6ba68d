import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attachments } from "@/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { databaseStorage, type AttachmentStorage } from "./storage";

export type Upload = { name: string; type: string; data: Buffer };

export const MAX_FILES_PER_UPLOAD = 10;

/** Keeps the name people gave the file, minus anything that could act as a path or break a header. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 200);
  return cleaned || "attachment";
}

/** Checked before anything is written, so a too-large file loses nothing else of the submission. */
export function checkUploads(uploads: Upload[], maxBytes: number): void {
  if (uploads.length > MAX_FILES_PER_UPLOAD) throw new ValidationError({ attachments: [`Attach at most ${MAX_FILES_PER_UPLOAD} files at a time.`] });
  const tooBig = uploads.filter((u) => u.data.byteLength > maxBytes).map((u) => u.name);
  if (tooBig.length > 0) {
    const limit = `${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB`;
    throw new ValidationError({ attachments: tooBig.map((name) => `${safeFilename(name)} is larger than the ${limit} limit.`) });
  }
}

export async function saveAttachments(
  tx: Db,
  owner: { missionId: number; commentId: number | null; uploaderId: string },
  uploads: Upload[],
  storage: AttachmentStorage = databaseStorage,
): Promise<void> {
  for (const upload of uploads) {
    const [row] = await tx
      .insert(attachments)
      .values({
        ...owner,
        filename: safeFilename(upload.name),
        contentType: upload.type || "application/octet-stream",
        size: upload.data.byteLength,
      })
      .returning({ id: attachments.id });
    await storage.write(tx, row.id, upload.data);
  }
}

export type AttachmentDownload = { filename: string; contentType: string; data: Buffer };

/** Every signed-in user may see every mission, so any signed-in user may download its files. */
export async function readAttachment(db: Db, attachmentId: string, storage: AttachmentStorage = databaseStorage): Promise<AttachmentDownload> {
  if (!/^[0-9a-f-]{36}$/i.test(attachmentId)) throw new NotFoundError("No such file.");
  const [meta] = await db.select().from(attachments).where(eq(attachments.id, attachmentId));
  const data = meta ? await storage.read(db, attachmentId) : null;
  if (!meta || !data) throw new NotFoundError("No such file.");
  return { filename: meta.filename, contentType: meta.contentType, data };
}
