import type { ClaimsPolicy } from "@/lib/auth/claims";

export const testPolicy: ClaimsPolicy = {
  AUTH_ALLOWED_DOMAINS: ["example.com", "example.org"],
  AUTH_ADMIN_EMAILS: ["boss@example.com"],
  AUTH_ADMIN_GROUP: "admins",
  AUTH_MANAGER_GROUP: "managers",
  AUTH_DEPARTMENT_CLAIM: "department",
  AUTH_GROUPS_CLAIM: "groups",
};
