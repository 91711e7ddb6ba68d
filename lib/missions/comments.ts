import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { comments, missions } from "@/db/schema";
import { recordActivity } from "@/lib/activity/record";
import { checkUploads, saveAttachments, type Upload } from "@/lib/attachments/attachments";
import { ForbiddenError } from "@/lib/auth/policy";
import { NotFoundError } from "@/lib/errors";
import { notify, signal } from "@/lib/notifications/notify";
import type { MissionActor } from "./commands";
import { now, quoted } from "./facts";
import { markMissionRead } from "./reads";

/** Anyone signed in may comment on any mission; the owner, the taker and earlier commenters hear of it. */
export async function addComment(
  db: Db,
  actor: MissionActor,
  missionId: number,
  body: string,
  uploads: Upload[] = [],
  maxUploadBytes = Infinity,
): Promise<{ id: number }> {
  checkUploads(uploads, maxUploadBytes);
  return db.transaction(async (tx) => {
    const [mission] = await tx
      .update(missions)
      .set({ commentCount: sql`${missions.commentCount} + 1`, lastActivityAt: now })
      .where(eq(missions.id, missionId))
      .returning({ headline: missions.headline, ownerId: missions.ownerId, takerId: missions.takerId });
    if (!mission) throw new NotFoundError("No such mission.");
    const earlierCommenters = await tx.selectDistinct({ id: comments.authorId }).from(comments).where(eq(comments.missionId, missionId));
    const [comment] = await tx.insert(comments).values({ missionId, authorId: actor.id, body }).returning({ id: comments.id });
    await saveAttachments(tx, { missionId, commentId: comment.id, uploaderId: actor.id }, uploads);
    await recordActivity(tx, "comment.posted", actor.id, { missionId, commentId: comment.id, ownerId: mission.ownerId });
    await notify(tx, [mission.ownerId, mission.takerId, ...earlierCommenters.map((c) => c.id)], {
      kind: "comment",
      actorId: actor.id,
      missionId,
      message: `${actor.name} commented on ${quoted(mission.headline)}: ${body.length > 120 ? `${body.slice(0, 119)}…` : body}`,
    });
    await markMissionRead(tx, actor.id, missionId);
    await signal(tx, { type: "mission", id: missionId });
    return comment;
  });
}

async function ownComment(tx: Db, actor: MissionActor, commentId: number) {
  const [comment] = await tx.select({ authorId: comments.authorId, missionId: comments.missionId }).from(comments).where(eq(comments.id, commentId)).for("update");
  if (!comment) throw new NotFoundError("No such comment.");
  if (comment.authorId !== actor.id) throw new ForbiddenError("Only its author can change a comment.");
  return comment;
}

export async function editComment(db: Db, actor: MissionActor, commentId: number, body: string): Promise<void> {
  await db.transaction(async (tx) => {
    const comment = await ownComment(tx, actor, commentId);
    await tx.update(comments).set({ body, editedAt: now }).where(eq(comments.id, commentId));
    await signal(tx, { type: "mission", id: comment.missionId });
  });
}

export async function deleteComment(db: Db, actor: MissionActor, commentId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const comment = await ownComment(tx, actor, commentId);
    await tx.delete(comments).where(eq(comments.id, commentId));
    await tx
      .update(missions)
      .set({ commentCount: sql`greatest(${missions.commentCount} - 1, 0)` })
      .where(eq(missions.id, comment.missionId));
    await signal(tx, { type: "mission", id: comment.missionId });
  });
}
