"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { markTourSeen } from "@/lib/users/tour";

export async function tourSeenAction(): Promise<void> {
  const user = await requireUser();
  await markTourSeen(await getDb(), user.id);
  revalidatePath("/");
}
