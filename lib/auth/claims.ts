import type { AuthEnv } from "@/lib/env";

/** What the company's identity provider says about a person, normalised. */
export type IdentityClaims = {
  email: string;
  name: string | null;
  department: string | null;
  groups: string[];
};

export type ClaimsPolicy = Pick<
  AuthEnv,
  "AUTH_ALLOWED_DOMAINS" | "AUTH_ADMIN_EMAILS" | "AUTH_ADMIN_GROUP" | "AUTH_MANAGER_GROUP" | "AUTH_DEPARTMENT_CLAIM" | "AUTH_GROUPS_CLAIM"
>;

function stringClaim(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** Reads the claims we use from an id_token / userinfo payload; null when there is no usable email. */
export function readIdentityClaims(profile: Record<string, unknown>, policy: ClaimsPolicy): IdentityClaims | null {
  const email = stringClaim(profile.email)?.toLowerCase();
  if (!email || !email.includes("@")) return null;
  const rawGroups = profile[policy.AUTH_GROUPS_CLAIM];
  const groups = Array.isArray(rawGroups)
    ? rawGroups.filter((g): g is string => typeof g === "string")
    : typeof rawGroups === "string"
      ? rawGroups.split(",").map((g) => g.trim())
      : [];
  return {
    email,
    name: stringClaim(profile.name),
    department: stringClaim(profile[policy.AUTH_DEPARTMENT_CLAIM]),
    groups,
  };
}

export function isAllowedEmail(email: string, allowedDomains: readonly string[]): boolean {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  return allowedDomains.includes(domain);
}
