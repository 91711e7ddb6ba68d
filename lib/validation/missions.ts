import { fromZonedTime } from "date-fns-tz";
import { z } from "zod";
import { MISSION_STATUSES } from "@/db/schema";
import { ValidationError, type FieldErrors } from "@/lib/errors";
import { fieldErrorsOf } from "./parse";

/** The one due-date rule, checked while parsing (to report every field at once) and by the domain. */
export function dueAtProblem(dueAt: Date | null, now = Date.now()): string | null {
  return dueAt && dueAt.getTime() <= now ? "The due date must be in the future." : null;
}

/** What a mission is made of, however it arrives (form or API). */
export type MissionFields = {
  description: string;
  reward: string;
  dueAt: Date | null;
  audience: "everyone" | number[];
  parentId: number | null;
};

const description = z.string({ error: "Describe the mission." }).trim().min(1, "Describe the mission.").max(10_000, "Keep the description under 10,000 characters.");
const reward = z.string({ error: "Say what the reward is." }).trim().min(1, "Say what the reward is.").max(200, "Keep the reward under 200 characters.");
const departmentIds = z.array(z.coerce.number().int().positive(), { error: "Choose departments by id." }).min(1, "Choose at least one department, or Everyone.");
const parentId = z.coerce.number({ error: "Parent mission must be a mission number." }).int().positive().nullable();

export const apiMissionSchema = z.object({
  description,
  reward,
  dueAt: z.iso.datetime({ offset: true, error: "Use an ISO 8601 date and time with a zone, e.g. 2026-12-01T17:00:00+01:00." }).nullish(),
  audience: z.union([z.literal("everyone"), departmentIds], { error: 'Use "everyone" or a list of department ids.' }).default("everyone"),
  parentId: parentId.optional().default(null),
});

export const noteSchema = z.object({ note: z.string().trim().max(2_000, "Keep it under 2,000 characters.").optional() });
export const commentSchema = z.object({ body: z.string({ error: "Write a comment." }).trim().min(1, "Write a comment.").max(10_000, "Keep comments under 10,000 characters.") });

export const MISSION_FILTERS = ["all", "created", "available", "mine"] as const;
export type MissionFilter = (typeof MISSION_FILTERS)[number];

export const missionListSchema = z.object({
  filter: z.enum(MISSION_FILTERS, { error: "filter must be all, created, available or mine" }).default("all"),
  status: z.enum(MISSION_STATUSES, { error: `status must be one of ${MISSION_STATUSES.join(", ")}` }).optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(["activity", "due"], { error: "sort must be activity or due" }).default("activity"),
  page: z.coerce.number({ error: "page must be a number" }).int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type MissionListQuery = z.infer<typeof missionListSchema>;

export function missionFieldsFromApi(input: unknown): MissionFields {
  const result = apiMissionSchema.safeParse(input);
  const errors = result.success ? {} : fieldErrorsOf(result.error);
  const dueAt = result.success && result.data.dueAt ? new Date(result.data.dueAt) : null;
  const problem = dueAtProblem(dueAt);
  if (problem) errors.dueAt = [problem];
  if (!result.success || problem) throw new ValidationError(errors);
  return { ...result.data, dueAt };
}

/**
 * The form sends the due date as the browser's `datetime-local` value, which means the wall-clock
 * time in the person's own time zone.
 */
export function missionFieldsFromForm(form: FormData, timeZone: string): MissionFields {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const errors: FieldErrors = {};
  const dueOn = text("dueAt")?.trim();
  let dueAt: Date | null = null;
  if (dueOn) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(dueOn)) errors.dueAt = ["Enter a date and time."];
    else dueAt = fromZonedTime(dueOn, timeZone);
    const problem = dueAtProblem(dueAt);
    if (problem) errors.dueAt = [problem];
  }
  const everyone = text("audience") !== "departments";
  const parent = text("parentId")?.trim();
  const result = z
    .object({ description, reward, departmentIds: everyone ? z.array(z.any()) : departmentIds, parentId })
    .safeParse({ description: text("description"), reward: text("reward"), departmentIds: form.getAll("departmentIds"), parentId: parent ? parent : null });
  if (!result.success) Object.assign(errors, fieldErrorsOf(result.error));
  if (Object.keys(errors).length > 0 || !result.success) {
    if (errors.departmentIds) errors.audience = errors.departmentIds;
    throw new ValidationError(errors);
  }
  return {
    description: result.data.description,
    reward: result.data.reward,
    dueAt,
    audience: everyone ? "everyone" : (result.data.departmentIds as number[]),
    parentId: result.data.parentId,
  };
}
