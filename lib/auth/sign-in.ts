import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { departments, users } from "@/db/schema";
import { isAllowedEmail, type ClaimsPolicy, type IdentityClaims } from "./claims";

export type SignInRefusal = "no-email" | "domain" | "inactive";
export type SignInResult = { ok: true; userId: string } | { ok: false; reason: SignInRefusal };

/**
 * Creates or updates the user from the identity provider's claims on every sign-in: the IdP is the
 * source of truth for name and department. Claims can make someone an admin or a manager, never
 * less: demotions are an admin's decision in the app. Deactivated users are refused.
 */
export async function syncUserOnSignIn(db: Db, claims: IdentityClaims | null, policy: ClaimsPolicy): Promise<SignInResult> {
  if (!claims) return { ok: false, reason: "no-email" };
  if (!isAllowedEmail(claims.email, policy.AUTH_ALLOWED_DOMAINS)) return { ok: false, reason: "domain" };

  const isAdmin =
    policy.AUTH_ADMIN_EMAILS.includes(claims.email) || (!!policy.AUTH_ADMIN_GROUP && claims.groups.includes(policy.AUTH_ADMIN_GROUP));
  const isManager = !!policy.AUTH_MANAGER_GROUP && claims.groups.includes(policy.AUTH_MANAGER_GROUP);
  const newUserRole = isAdmin ? "admin" : isManager ? "manager" : "member";

  return db.transaction(async (tx) => {
    let departmentId: number | null = null;
    if (claims.department) {
      await tx.insert(departments).values({ name: claims.department }).onConflictDoNothing();
      const [department] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.name, claims.department));
      departmentId = department.id;
    }
    const [user] = await tx
      .insert(users)
      .values({ email: claims.email, name: claims.name, departmentId, role: newUserRole, lastSignInAt: new Date() })
      .onConflictDoUpdate({
        target: users.email,
        set: {
          name: sql`coalesce(excluded.name, ${users.name})`,
          departmentId: sql`coalesce(excluded.department_id, ${users.departmentId})`,
          role: isAdmin
            ? sql`'admin'::role`
            : isManager
              ? sql`case when ${users.role} = 'member' then 'manager'::role else ${users.role} end`
              : sql`${users.role}`,
          lastSignInAt: sql`now()`,
          updatedAt: sql`now()`,
        },
        setWhere: eq(users.active, true),
      })
      .returning({ id: users.id });
    if (!user) return { ok: false, reason: "inactive" } as const;
    return { ok: true, userId: user.id } as const;
  });
}
