import type { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/errors";

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    // The innermost named field: "rule.threshold" reports at threshold, "departmentIds.0" at departmentIds.
    const key = String(issue.path.findLast((part) => typeof part === "string") ?? "form");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Parses input for the domain; a failure is a 422 with the message at each field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldErrorsOf(result.error));
  return result.data;
}
