import { and, eq, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { missionAudience, missionTransitions, missions } from "@/db/schema";
import { rowsOf } from "@/db/sql-helpers";
import { ACTIVITY_SIGNAL, recordActivity, recordActivityCtes, type AppActivityType } from "@/lib/activity/record";
import { checkUploads, saveAttachments, type Upload } from "@/lib/attachments/attachments";
import { ForbiddenError } from "@/lib/auth/policy";
import { ConflictError, ValidationError } from "@/lib/errors";
import { insertNotificationsSql, notificationsSignalSql, signal, signalSql } from "@/lib/notifications/notify";
import { dueAtProblem, type MissionFields } from "@/lib/validation/missions";
import { checkDepartments, headlineOf, lockMission, now, quoted, readMission, userName, type VersionedMission } from "./facts";
import { markMissionRead, markReadSql } from "./reads";
import { FINAL_STATUSES, isPerformer, mayEdit, refusalFor, STATUS_LABELS, TRANSITIONS, type Actor, type MissionAction } from "./lifecycle";

export type MissionActor = Actor & { name: string };

function checkDueAt(dueAt: Date | null) {
  const problem = dueAtProblem(dueAt);
  if (problem) throw new ValidationError({ dueAt: [problem] });
}

export async function createMission(
  db: Db,
  actor: MissionActor,
  fields: MissionFields,
  uploads: Upload[] = [],
  maxUploadBytes = Infinity,
): Promise<{ id: number }> {
  checkDueAt(fields.dueAt);
  checkUploads(uploads, maxUploadBytes);
  return db.transaction(async (tx) => {
    if (fields.audience !== "everyone") await checkDepartments(tx, fields.audience);
    if (fields.parentId !== null) {
      // "I need help with my mission": only the parent's owner or taker asks for help with it.
      const [parent] = await tx
        .select({ id: missions.id })
        .from(missions)
        .where(and(eq(missions.id, fields.parentId), or(eq(missions.ownerId, actor.id), eq(missions.takerId, actor.id))));
      if (!parent) throw new ValidationError({ parentId: ["Sub-missions can only be made for a mission you own or have taken."] });
    }
    const [mission] = await tx
      .insert(missions)
      .values({
        ownerId: actor.id,
        description: fields.description,
        headline: headlineOf(fields.description),
        reward: fields.reward,
        dueAt: fields.dueAt,
        audienceEveryone: fields.audience === "everyone",
        parentId: fields.parentId,
        lastActivityAt: now,
      })
      .returning({ id: missions.id });
    if (fields.audience !== "everyone") {
      await tx.insert(missionAudience).values([...new Set(fields.audience)].map((departmentId) => ({ missionId: mission.id, departmentId })));
    }
    await tx.insert(missionTransitions).values({ missionId: mission.id, actorId: actor.id, fromStatus: null, toStatus: "open" });
    await saveAttachments(tx, { missionId: mission.id, commentId: null, uploaderId: actor.id }, uploads);
    await recordActivity(tx, "mission.created", actor.id, { missionId: mission.id });
    await markMissionRead(tx, actor.id, mission.id);
    return mission;
  });
}

/** Only the owner edits, and only while the mission is Open (nobody has taken it on these terms yet). */
export async function updateMission(db: Db, actor: MissionActor, missionId: number, fields: Omit<MissionFields, "parentId">): Promise<void> {
  checkDueAt(fields.dueAt);
  await db.transaction(async (tx) => {
    const mission = await lockMission(tx, missionId);
    if (actor.id !== mission.ownerId) throw new ForbiddenError("Only the mission's owner can edit it.");
    if (!mayEdit(actor, mission)) throw new ConflictError(`This mission is ${STATUS_LABELS[mission.status]} now; only Open missions can be edited.`);
    if (fields.audience !== "everyone") await checkDepartments(tx, fields.audience);
    await tx
      .update(missions)
      .set({
        description: fields.description,
        headline: headlineOf(fields.description),
        reward: fields.reward,
        dueAt: fields.dueAt,
        audienceEveryone: fields.audience === "everyone",
        updatedAt: now,
      })
      .where(eq(missions.id, missionId));
    await tx.delete(missionAudience).where(eq(missionAudience.missionId, missionId));
    if (fields.audience !== "everyone") {
      await tx.insert(missionAudience).values([...new Set(fields.audience)].map((departmentId) => ({ missionId, departmentId })));
    }
    await signal(tx, { type: "mission", id: missionId });
  });
}

const ACTIVITY: Record<MissionAction, AppActivityType> = {
  start: "mission.started",
  complete: "mission.completed",
  accept: "mission.accepted",
  reject: "mission.rejected",
  withdraw: "mission.withdrawn",
  cancel: "mission.cancelled",
};

/** The taker hears of the owner's decisions; the owner hears of every status change. */
const TAKER_IS_TOLD: readonly MissionAction[] = ["accept", "reject", "cancel"];

export type TransitionResult = { id: number; status: (typeof TRANSITIONS)[MissionAction]["to"] };

/**
 * Moves a mission along PRODUCT.md's table: checks the actor and the state as they are now, then
 * one statement (so one transaction) that updates the row only if it is still the version checked
 * (a conditional UPDATE: no read-then-write race) and writes the history, the activity event with
 * its points, the notifications and the actor's read mark. If someone else changed the mission in
 * between, it checks again on the new state, which usually gives the 409 ("Already taken by …").
 * The event's achievements are evaluated right after, in a following transaction (queue.ts).
 * 404 unknown mission, 403 wrong person, 409 wrong state (a stale page), 422 missing reason.
 */
export async function transitionMission(db: Db, actor: MissionActor, missionId: number, action: MissionAction, note?: string): Promise<TransitionResult> {
  const transition = TRANSITIONS[action];
  const reason = note?.trim() || null;
  if (transition.needsReason && !reason) throw new ValidationError({ note: [`Give a reason to ${action} the mission.`] });

  for (let attempt = 1; ; attempt++) {
    const mission = await readMission(db, missionId);
    if (!isPerformer(action, actor, mission)) throw new ForbiddenError(refusalFor(action, actor, mission));
    if (!transition.from.includes(mission.status)) {
      // A stale Start button: the news is that someone else got there first.
      if (action === "start" && mission.takerId) throw new ConflictError(`Already taken by ${await userName(db, mission.takerId)}.`);
      const final = FINAL_STATUSES.includes(mission.status) ? " and that is final" : "";
      throw new ConflictError(`This mission is ${STATUS_LABELS[mission.status]} now${final}, so it cannot be ${transition.done === "withdrew from" ? "withdrawn" : transition.done}.`);
    }
    if (await applyTransition(db, actor, mission, action, reason)) return { id: missionId, status: transition.to };
    if (attempt === 5) throw new ConflictError("This mission keeps changing as you act on it; reload it and try again.");
  }
}

async function applyTransition(db: Db, actor: MissionActor, mission: VersionedMission, action: MissionAction, reason: string | null): Promise<boolean> {
  const transition = TRANSITIONS[action];
  const takerId = action === "start" ? actor.id : action === "withdraw" ? null : mission.takerId;
  const attributes = { missionId: mission.id, ownerId: mission.ownerId, ownerDepartmentId: mission.ownerDepartmentId, takerId: mission.takerId ?? takerId };
  const sentence = `${actor.name} ${transition.done} ${quoted(mission.headline)}`;
  const message =
    action === "complete"
      ? `${sentence}: it is awaiting acceptance.`
      : action === "withdraw"
        ? `${sentence}: it is open again.`
        : reason
          ? `${sentence}: ${reason}`
          : `${sentence}.`;
  const recipients = [mission.ownerId, TAKER_IS_TOLD.includes(action) ? mission.takerId : null];
  const moved = rowsOf(
    await db.execute(sql`
      with moved as (
        update missions set status = ${transition.to}::mission_status, taker_id = ${takerId}, last_activity_at = now(), updated_at = now()
        where id = ${mission.id} and xmin = ${mission.version}::xid
        returning id
      ),
      history as (
        insert into mission_transitions (mission_id, actor_id, from_status, to_status, note)
        select id, ${actor.id}, ${mission.status}::mission_status, ${transition.to}::mission_status, ${reason} from moved
      ),
      ${recordActivityCtes(ACTIVITY[action], actor.id, attributes, sql`moved`)},
      told as (${insertNotificationsSql(recipients, { kind: "status_change", actorId: actor.id, missionId: mission.id, message }, sql`moved`)}),
      read as (${markReadSql(actor.id, mission.id, sql`moved`)})
      select moved.id, ${signalSql({ type: "mission", id: mission.id })}, ${notificationsSignalSql(sql`told`)}, ${ACTIVITY_SIGNAL}
      from moved`),
  );
  return moved.length === 1;
}
