"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/tokens";
import { requireUser } from "@/lib/auth/session";
import { NOTIFICATION_KINDS } from "@/db/schema";
import { updatePreferences } from "@/lib/users/preferences";
import { setHiddenFromLeaderboards } from "@/lib/users/queries";
import { refusal, type ActionState } from "../_lib/action-state";

export async function createTokenAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  try {
    const { token } = await createApiToken(await getDb(), user, String(form.get("name") ?? ""));
    revalidatePath("/settings");
    return { ok: true, message: token };
  } catch (error) {
    return refusal(error);
  }
}

export async function revokeTokenAction(tokenId: number): Promise<ActionState> {
  const user = await requireUser();
  try {
    await revokeApiToken(await getDb(), user, tokenId);
  } catch (error) {
    return refusal(error);
  }
  revalidatePath("/settings");
  return { ok: true };
}

export async function leaderboardVisibilityAction(hidden: boolean): Promise<ActionState> {
  const user = await requireUser();
  await setHiddenFromLeaderboards(await getDb(), user.id, hidden);
  revalidatePath("/settings");
  return { ok: true };
}

export async function preferencesAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  try {
    await updatePreferences(await getDb(), user.id, {
      timeZone: form.get("timeZone") ?? "",
      email: Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, form.get(`email-${kind}`) === "on"])),
    });
  } catch (error) {
    return refusal(error);
  }
  revalidatePath("/", "layout");
  return { ok: true, message: "Saved." };
}
