"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { eventsFromCsv, inBatches } from "@/lib/activity/csv";
import { BatchError, ingestEvents, MAX_BATCH } from "@/lib/activity/ingest";
import { createCustomAchievement, previewRule, setAchievementEnabled, setAchievementsFeature } from "@/lib/achievements/admin";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/tokens";
import { setPointRule } from "@/lib/points/rules";
import { requireAdmin } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { kickBackfills } from "@/lib/jobs/scheduler";
import { refusal, type ActionState } from "../../_lib/action-state";

const PATH = "/admin/achievements";

function text(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** The template form's fields as a rule; zod (in the domain) says what is wrong with it. */
function ruleFromForm(form: FormData) {
  const filterAttribute = text(form, "filterAttribute");
  return {
    kind: text(form, "kind"),
    event: text(form, "event"),
    who: text(form, "who") ?? "actor",
    where: filterAttribute ? [{ attribute: filterAttribute, equals: text(form, "filterEquals") ?? "" }] : [],
    weekend: form.get("weekend") === "on",
    unit: text(form, "unit") ?? "events",
    threshold: text(form, "threshold"),
    attribute: text(form, "attribute"),
    period: text(form, "period"),
    top: text(form, "top"),
  };
}

export async function customAchievementAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  const db = await getDb();
  try {
    if (form.get("intent") === "preview") {
      const n = await previewRule(db, user, ruleFromForm(form));
      return { ok: true, message: `Would be granted to ${n} ${n === 1 ? "person" : "people"} now.` };
    }
    await createCustomAchievement(db, user, {
      name: text(form, "name"),
      description: text(form, "description"),
      icon: text(form, "icon"),
      tier: text(form, "tier"),
      rule: ruleFromForm(form),
    });
  } catch (error) {
    return refusal(error);
  }
  kickBackfills(db);
  revalidatePath(PATH);
  return { ok: true, message: "Created and switched on: everyone's history is being evaluated." };
}

export async function featureAction(enabled: boolean): Promise<ActionState> {
  const user = await requireUser();
  const db = await getDb();
  try {
    await setAchievementsFeature(db, user, enabled);
  } catch (error) {
    return refusal(error);
  }
  if (enabled) kickBackfills(db);
  revalidatePath("/", "layout");
  return { ok: true };
}

export async function achievementSwitchAction(achievementId: number, enabled: boolean): Promise<ActionState> {
  const user = await requireUser();
  const db = await getDb();
  try {
    await setAchievementEnabled(db, user, achievementId, enabled);
  } catch (error) {
    return refusal(error);
  }
  if (enabled) kickBackfills(db);
  revalidatePath(PATH);
  return { ok: true };
}

export async function importCsvAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  const db = await getDb();
  try {
    requireAdmin(user);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return { ok: false, error: "Choose a CSV file.", fieldErrors: { file: ["Choose a CSV file."] } };
    const source = text(form, "source") ?? "csv";
    const events = eventsFromCsv(await file.text());
    let recorded = 0;
    let duplicates = 0;
    for (const [batch, rows] of inBatches(events, MAX_BATCH).entries()) {
      try {
        const result = await ingestEvents(db, rows, source);
        recorded += result.recorded;
        duplicates += result.duplicates;
      } catch (error) {
        if (!(error instanceof BatchError)) throw error;
        const first = error.problems.slice(0, 5).map((p) => `row ${batch * MAX_BATCH + p.index + 2}: ${p.field} ${p.message}`);
        const done = recorded ? ` ${recorded} events before row ${batch * MAX_BATCH + 2} were recorded.` : "";
        return { ok: false, error: `${first.join("; ")}${error.problems.length > 5 ? "; …" : ""}.${done}`, fieldErrors: {} };
      }
    }
    revalidatePath(PATH);
    return { ok: true, message: `Imported ${recorded} events${duplicates ? ` (${duplicates} already there)` : ""}.` };
  } catch (error) {
    if (error instanceof BatchError) return { ok: false, error: error.problems.map((p) => p.message).join("; "), fieldErrors: { file: [error.problems[0].message] } };
    return refusal(error);
  }
}

export async function createIntegrationTokenAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  try {
    const { token } = await createApiToken(await getDb(), user, String(form.get("name") ?? ""), "integration");
    revalidatePath(PATH);
    return { ok: true, message: token };
  } catch (error) {
    return refusal(error);
  }
}

export async function revokeIntegrationTokenAction(tokenId: number): Promise<ActionState> {
  const user = await requireUser();
  try {
    await revokeApiToken(await getDb(), user, tokenId);
  } catch (error) {
    return refusal(error);
  }
  revalidatePath(PATH);
  return { ok: true };
}

export async function pointRuleAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  try {
    await setPointRule(await getDb(), user, { eventType: text(form, "eventType"), points: text(form, "points"), subject: text(form, "subject") });
  } catch (error) {
    return refusal(error);
  }
  revalidatePath(PATH);
  return { ok: true, message: "Saved." };
}
