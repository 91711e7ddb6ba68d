import { z } from "zod";

/**
 * An achievement's rule: what counts, for whom, and how much of it earns the badge. Built-ins and
 * admins' custom achievements use the same four templates.
 */
const eventType = z
  .string({ error: "Choose an event type." })
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, "Use an event type such as case.resolved.")
  .max(64);
const attributeName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, "Attribute names are letters, digits and _.");
const threshold = z.coerce.number({ error: "Enter a number." }).int("Enter a whole number.").min(1, "At least 1.").max(10_000_000);

const common = {
  event: eventType,
  /** Whose achievement it is: the event's actor, or the mission's taker or owner named in it. */
  who: z.enum(["actor", "taker", "owner"]).default("actor"),
  where: z.array(z.object({ attribute: attributeName, equals: z.union([z.string().min(1).max(100), z.number(), z.boolean()]) })).max(5).default([]),
  /** Only events on Saturday or Sunday in the company's time zone. */
  weekend: z.boolean().default(false),
  /** How progress reads: "640 / 1,000 cases". */
  unit: z.string().max(30).default("events"),
};

export const ruleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("count"), ...common, threshold, period: z.enum(["week", "month"]).optional() }),
  z.object({ kind: z.literal("distinct"), ...common, attribute: attributeName, threshold }),
  z.object({ kind: z.literal("sum"), ...common, attribute: attributeName, threshold, period: z.enum(["week", "month"]).optional() }),
  z.object({ kind: z.literal("rank"), ...common, period: z.enum(["week", "month"]), top: z.coerce.number().int().min(1).max(100) }),
]);

export type Rule = z.infer<typeof ruleSchema>;
export type RuleInput = z.input<typeof ruleSchema>;

export function parseRule(value: unknown): Rule {
  return ruleSchema.parse(value);
}

/** Rank rules are decided when a period closes; the others the moment the line is crossed. */
export function isPeriodAward(rule: Rule): rule is Extract<Rule, { kind: "rank" }> {
  return rule.kind === "rank";
}

export function isRepeatable(rule: Rule): boolean {
  return "period" in rule && !!rule.period;
}

const number = (n: number) => n.toLocaleString("en-US");

/** What someone must do, in words, for "My Achievements" and the admin list. */
export function describeRule(rule: Rule): string {
  const filters = rule.where.map((f) => `${f.attribute} = ${f.equals}`);
  if (rule.weekend) filters.push("on a weekend");
  const suffix = filters.length ? ` (${filters.join(", ")})` : "";
  const role = rule.who === "taker" ? " as the taker" : rule.who === "owner" ? " on missions you created" : "";
  const per = "period" in rule && rule.period ? ` in one ${rule.period}` : "";
  switch (rule.kind) {
    case "count":
      return `${number(rule.threshold)} × ${rule.event}${role}${suffix}${per}`;
    case "distinct":
      return `${rule.event}${role} with ${number(rule.threshold)} different ${rule.attribute} values${suffix}`;
    case "sum":
      return `${rule.attribute} of ${rule.event}${role} adding up to ${number(rule.threshold)}${suffix}${per}`;
    case "rank":
      return `Top ${rule.top} for ${rule.event}${role}${suffix} in a ${rule.period}`;
  }
}
