import { and, eq, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { missionAudience, missionTransitions, missions, type Role } from "@/db/schema";
import { builtOncePer, preparedSql, rowsOf } from "@/db/sql-helpers";
import { ACTIVITY_SIGNAL, recordActivity, recordActivityCtes, type AppActivityType } from "@/lib/activity/record";
import { checkUploads, saveAttachments, type Upload } from "@/lib/attachments/attachments";
import { ForbiddenError } from "@/lib/auth/policy";
import { ConflictError, ValidationError } from "@/lib/errors";
import { insertNotificationsSql, notificationsSignalSql, signal, signalSql, type LiveSignal } from "@/lib/notifications/notify";
import { dueAtProblem, type MissionFields } from "@/lib/validation/missions";
import { checkDepartments, headlineOf, lockMission, now, performerSql, quotedSql, readMission, userName } from "./facts";
import { markMissionRead, markReadSql } from "./reads";
import { FINAL_STATUSES, isPerformer, MISSION_ACTIONS, mayEdit, refusalFor, STATUS_LABELS, TRANSITIONS, type Actor, type MissionAction } from "./lifecycle";

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
 * Moves a mission along PRODUCT.md's table in one statement (so one transaction): it locks the row
 * only if the actor may take this action on it as it is now (the rule checked in SQL, see
 * performerSql), moves it, and writes the history, the activity event with its points, the
 * notifications and the actor's read mark. A request that had to wait for another's lock moves
 * nothing (the row's xmin is no longer the one its snapshot saw: PostgreSQL rechecks the waited-for
 * row, but not the audience rows an edit changed with it), and is judged again on the new state.
 * When nothing moved, the mission is read to say why, which for a lost race is usually the 409
 * "Already taken by …", or the statement is tried again if the actor may act now. The event's
 * achievements are evaluated right after, in a following transaction (queue.ts).
 * 404 unknown mission, 403 wrong person, 409 wrong state (a stale page), 422 missing reason.
 */
export async function transitionMission(db: Db, actor: MissionActor, missionId: number, action: MissionAction, note?: string): Promise<TransitionResult> {
  const transition = TRANSITIONS[action];
  const reason = note?.trim() || null;
  if (transition.needsReason && !reason) throw new ValidationError({ note: [`Give a reason to ${action} the mission.`] });

  for (let attempt = 1; ; attempt++) {
    if (await applyTransition(db, actor, missionId, action, reason)) return { id: missionId, status: transition.to };
    const mission = await readMission(db, missionId);
    if (!isPerformer(action, actor, mission)) throw new ForbiddenError(refusalFor(action, actor, mission));
    if (!transition.from.includes(mission.status)) {
      // A stale Start button: the news is that someone else got there first.
      if (action === "start" && mission.takerId) throw new ConflictError(`Already taken by ${await userName(db, mission.takerId)}.`);
      const final = FINAL_STATUSES.includes(mission.status) ? " and that is final" : "";
      throw new ConflictError(`This mission is ${STATUS_LABELS[mission.status]} now${final}, so it cannot be ${transition.done === "withdrew from" ? "withdrawn" : transition.done}.`);
    }
    // Allowed now: it changed back between the two statements.
    if (attempt === 5) throw new ConflictError("This mission keeps changing as you act on it; reload it and try again.");
  }
}

/** The statement behind transitionMission; false when the mission is not there or not the actor's to move now. */
async function applyTransition(db: Db, actor: MissionActor, missionId: number, action: MissionAction, reason: string | null): Promise<boolean> {
  const transition = TRANSITIONS[action];
  const ending = action === "complete" ? ": it is awaiting acceptance." : action === "withdraw" ? ": it is open again." : reason ? `: ${reason}` : ".";
  const moved = rowsOf(
    await transitionStatements[action](db).execute({
      missionId,
      actorId: actor.id,
      actorRole: actor.role,
      actorDepartmentId: actor.departmentId,
      note: reason,
      opening: `${actor.name} ${transition.done} `,
      ending,
      missionSignal: JSON.stringify({ type: "mission", id: missionId } satisfies LiveSignal),
    } satisfies TransitionValues),
  );
  return moved.length === 1;
}

/** What a transition statement binds when it runs (applyTransition): its placeholders (transitionSql). */
type TransitionValues = {
  missionId: number;
  actorId: string;
  actorRole: Role;
  actorDepartmentId: number | null;
  note: string | null;
  opening: string;
  ending: string;
  missionSignal: string;
};
const bound = (name: keyof TransitionValues) => sql.placeholder(name);

/** The transition statement of an action, with the mission, the actor and their words as placeholders. */
function transitionSql(action: MissionAction): SQL {
  const transition = TRANSITIONS[action];
  const missionId = bound("missionId");
  const actor = { id: bound("actorId"), role: bound("actorRole"), departmentId: bound("actorDepartmentId") };
  const newTaker = action === "start" ? sql`, taker_id = ${actor.id}` : action === "withdraw" ? sql`, taker_id = null` : sql``;
  const message = sql`${bound("opening")}::text || ${quotedSql(sql`moved.headline`)} || ${bound("ending")}::text`;
  const recipients = sql`array[moved.owner_id, ${TAKER_IS_TOLD.includes(action) ? sql`moved.was_taken_by` : sql`null`}]`;
  return sql`
      with mission as (
        select m.id, m.status, m.taker_id, m.owner_id, m.headline, o.department_id as owner_department_id
        from missions m join users o on o.id = m.owner_id
        where m.id = ${missionId}::int and m.status in ${transition.from} and ${performerSql(action, actor)}
          and m.xmin = (select s.xmin from missions s where s.id = m.id)
        for update of m
      ),
      moved as (
        update missions set status = ${transition.to}::mission_status, last_activity_at = now(), updated_at = now() ${newTaker}
        from mission where missions.id = mission.id
        returning missions.id, mission.status as from_status, mission.taker_id as was_taken_by, missions.taker_id,
          mission.owner_id, mission.owner_department_id, mission.headline
      ),
      history as (
        insert into mission_transitions (mission_id, actor_id, from_status, to_status, note)
        select id, ${actor.id}, from_status, ${transition.to}::mission_status, ${bound("note")}::text from moved
      ),
      ${recordActivityCtes(
        ACTIVITY[action],
        actor.id,
        sql`jsonb_build_object('missionId', moved.id, 'ownerId', moved.owner_id, 'ownerDepartmentId', moved.owner_department_id,
          'takerId', coalesce(moved.was_taken_by, moved.taker_id))`,
        sql`moved`,
      )},
      told as (${insertNotificationsSql(sql`moved`, recipients, { kind: "status_change", actorId: actor.id, missionId, message })}),
      read as (${markReadSql(actor.id, missionId, sql`moved`)})
      select moved.id, ${signalSql(bound("missionSignal"))}, ${notificationsSignalSql(sql`told`)}, ${ACTIVITY_SIGNAL}
      from moved`;
}

/** Each action's statement, built once per database handle (preparedSql), then only run. */
const transitionStatements = Object.fromEntries(
  MISSION_ACTIONS.map((action) => [action, builtOncePer((db: Db) => preparedSql(db, transitionSql(action), `mission_${action}`))]),
) as Record<MissionAction, (db: Db) => ReturnType<typeof preparedSql>>;
