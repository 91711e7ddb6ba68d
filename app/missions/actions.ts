"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb, type Db } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { getCompanySettings } from "@/lib/settings/company";
import { ValidationError } from "@/lib/errors";
import { addComment, deleteComment, editComment } from "@/lib/missions/comments";
import { createMission, transitionMission, updateMission } from "@/lib/missions/commands";
import { MISSION_ACTIONS, type MissionAction } from "@/lib/missions/lifecycle";
import { markAllMissionsRead } from "@/lib/missions/reads";
import { commentSchema, missionFieldsFromForm, noteSchema } from "@/lib/validation/missions";
import { parseOrThrow } from "@/lib/validation/parse";
import { refusal, uploadsFrom, type ActionState } from "../_lib/action-state";
import { timeZoneOf } from "../_lib/format";

async function maxUploadBytes(db: Db): Promise<number> {
  return (await getCompanySettings(db)).attachmentMaxMb * 1024 * 1024;
}

export async function createMissionAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  let id: number;
  try {
    const fields = missionFieldsFromForm(form, await timeZoneOf(user));
    const db = await getDb();
    ({ id } = await createMission(db, user, fields, await uploadsFrom(form), await maxUploadBytes(db)));
  } catch (error) {
    return refusal(error);
  }
  redirect(`/missions/${id}`);
}

export async function updateMissionAction(missionId: number, _state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  try {
    await updateMission(await getDb(), user, missionId, missionFieldsFromForm(form, await timeZoneOf(user)));
  } catch (error) {
    return refusal(error);
  }
  redirect(`/missions/${missionId}`);
}

export async function transitionAction(missionId: number, _state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  const action = form.get("action");
  try {
    if (!MISSION_ACTIONS.includes(action as MissionAction)) throw new ValidationError({ action: ["Unknown action."] });
    const { note } = parseOrThrow(noteSchema, { note: form.get("note") ?? undefined });
    await transitionMission(await getDb(), user, missionId, action as MissionAction, note);
  } catch (error) {
    return refusal(error);
  }
  revalidatePath(`/missions/${missionId}`);
  return { ok: true };
}

export async function commentAction(missionId: number, _state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  try {
    const { body } = parseOrThrow(commentSchema, { body: form.get("body") });
    const db = await getDb();
    await addComment(db, user, missionId, body, await uploadsFrom(form), await maxUploadBytes(db));
  } catch (error) {
    return refusal(error);
  }
  revalidatePath(`/missions/${missionId}`);
  return { ok: true };
}

export async function editCommentAction(commentId: number, _state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  try {
    const { body } = parseOrThrow(commentSchema, { body: form.get("body") });
    await editComment(await getDb(), user, commentId, body);
  } catch (error) {
    return refusal(error);
  }
  revalidatePath("/missions/[id]", "page");
  return { ok: true };
}

export async function deleteCommentAction(commentId: number): Promise<ActionState> {
  const user = await requireUser();
  try {
    await deleteComment(await getDb(), user, commentId);
  } catch (error) {
    return refusal(error);
  }
  revalidatePath("/missions/[id]", "page");
  return { ok: true };
}

export async function markAllReadAction(): Promise<void> {
  const user = await requireUser();
  await markAllMissionsRead(await getDb(), user.id);
  revalidatePath("/missions");
}
