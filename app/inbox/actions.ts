"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { markInboxRead, markNotificationRead } from "@/lib/notifications/inbox";
import { idFrom } from "../_lib/action-state";

export async function markNotificationReadAction(form: FormData): Promise<void> {
  const user = await requireUser();
  const id = idFrom(form.get("id"));
  if (id) await markNotificationRead(await getDb(), user.id, id).catch(() => undefined);
  revalidatePath("/inbox");
}

export async function markInboxReadAction(): Promise<void> {
  const user = await requireUser();
  await markInboxRead(await getDb(), user.id);
  revalidatePath("/", "layout");
}
