import type { Role } from "@/db/schema";
import { DomainError } from "@/lib/errors";

/** Thrown by the domain when the actor may not do something; the app maps it to 403. */
export class ForbiddenError extends DomainError {
  constructor(message = "You are not allowed to do that.") {
    super(message, 403);
  }
}

type Actor = { role: Role };

export function isAdmin(actor: Actor): boolean {
  return actor.role === "admin";
}

export function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new ForbiddenError("Only administrators can do that.");
}
