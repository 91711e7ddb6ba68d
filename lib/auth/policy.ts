import type { Role } from "@/db/schema";

/** Thrown by the domain when the actor may not do something; the app maps it to 403. */
export class ForbiddenError extends Error {
  readonly status = 403;
  constructor(message = "You are not allowed to do that.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

type Actor = { role: Role };

export function isAdmin(actor: Actor): boolean {
  return actor.role === "admin";
}

export function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new ForbiddenError("Only administrators can do that.");
}
