import { DomainError, type FieldErrors } from "@/lib/errors";
import type { Upload } from "@/lib/attachments/attachments";

/** What a server action hands back to its form (`useActionState`). */
export type ActionState = { ok: true; message?: string } | { ok: false; error: string; fieldErrors: FieldErrors } | null;

/**
 * Domain refusals become a message for the form; anything else (Next's redirect and notFound
 * signals, real bugs) is rethrown untouched.
 */
export function refusal(error: unknown): ActionState {
  if (error instanceof DomainError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
  throw error;
}

export async function uploadsFrom(form: FormData, field = "attachments"): Promise<Upload[]> {
  const files = form.getAll(field).filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f && f.size > 0);
  return Promise.all(files.map(async (f) => ({ name: f.name, type: f.type, data: Buffer.from(await f.arrayBuffer()) })));
}

export function idFrom(value: FormDataEntryValue | null | string): number | null {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
