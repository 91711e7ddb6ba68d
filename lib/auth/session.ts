import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { findActiveUser, type CurrentUser } from "@/lib/users/queries";
import { auth } from "./auth";

/** The signed-in, active user for this request, or null. Checked against the database every time. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  return findActiveUser(await getDb(), userId);
});

/** For pages and server actions: sends anyone without a valid session to sign in. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  return user;
}
