import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attachmentBlobs } from "@/db/schema";

/**
 * Where file contents live. The database is the default so that every app instance sees every file
 * and a backup holds everything; an object store can implement the same two calls.
 */
export interface AttachmentStorage {
  write(tx: Db, attachmentId: string, data: Buffer): Promise<void>;
  read(db: Db, attachmentId: string): Promise<Buffer | null>;
}

export const databaseStorage: AttachmentStorage = {
  async write(tx, attachmentId, data) {
    await tx.insert(attachmentBlobs).values({ attachmentId, data });
  },
  async read(db, attachmentId) {
    const [row] = await db.select({ data: attachmentBlobs.data }).from(attachmentBlobs).where(eq(attachmentBlobs.attachmentId, attachmentId));
    return row?.data ?? null;
  },
};
