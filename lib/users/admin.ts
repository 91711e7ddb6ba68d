import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/policy";
import type { CurrentUser } from "./queries";

export type SetActiveResult = { ok: true } | { ok: false; error: string; status: 404 | 409 };

/** Deactivation also deletes the person's sessions, so it takes effect on their next request. */
export async function setUserActive(db: Db, actor: CurrentUser, userId: string, active: boolean): Promise<SetActiveResult> {
  requireAdmin(actor);
  if (actor.id === userId && !active) return { ok: false, error: "You cannot deactivate yourself.", status: 409 };
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({ active, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (!updated) return { ok: false, error: "No such user.", status: 404 } as const;
    if (!active) await tx.delete(sessions).where(eq(sessions.userId, userId));
    return { ok: true } as const;
  });
}
