"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { updateCompanySettings } from "@/lib/settings/company";
import { saveDepartment, updateUser } from "@/lib/users/admin";
import { refusal, type ActionState } from "../_lib/action-state";

export async function updateUserAction(userId: string, _state: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireUser();
  try {
    await updateUser(await getDb(), admin, userId, { role: form.get("role"), departmentId: form.get("departmentId") ?? "", active: form.get("active") === "on" });
  } catch (error) {
    return refusal(error);
  }
  revalidatePath("/admin/users");
  return { ok: true, message: "Saved." };
}

export async function saveDepartmentAction(departmentId: number | null, _state: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireUser();
  try {
    await saveDepartment(await getDb(), admin, { id: departmentId, name: form.get("name") });
  } catch (error) {
    return refusal(error);
  }
  revalidatePath("/admin/departments");
  return { ok: true, message: "Saved." };
}

export async function companySettingsAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireUser();
  try {
    await updateCompanySettings(await getDb(), admin, {
      allowedDomains: form.get("allowedDomains"),
      timeZone: form.get("timeZone"),
      attachmentMaxMb: form.get("attachmentMaxMb"),
    });
  } catch (error) {
    return refusal(error);
  }
  revalidatePath("/", "layout");
  return { ok: true, message: "Company settings saved." };
}
