import type { AchievementTier } from "@/db/schema";
import type { RuleInput } from "./rules";

export type BuiltInAchievement = { key: string; name: string; description: string; icon: string; tier: AchievementTier; rule: RuleInput };

/** The channels a help desk reports; "Omnichannel" needs a resolved case on each. */
export const SUPPORT_CHANNELS = ["email", "phone", "chat", "social"] as const;

/** The built-in achievements, easy to hard. Keys are stable: they identify a built-in across releases. */
export const BUILT_IN_ACHIEVEMENTS: BuiltInAchievement[] = [
  {
    key: "first-mission",
    name: "First Mission",
    description: "Create your first mission and challenge your co-workers.",
    icon: "🚀",
    tier: "bronze",
    rule: { kind: "count", event: "mission.created", threshold: 1, unit: "missions created" },
  },
  {
    key: "go-getter",
    name: "Go-Getter",
    description: "Take on someone else's mission.",
    icon: "🏃",
    tier: "bronze",
    rule: { kind: "count", event: "mission.started", threshold: 1, unit: "missions started" },
  },
  {
    key: "first-accepted",
    name: "Mission Accomplished",
    description: "Have a mission you completed accepted by its owner.",
    icon: "🎯",
    tier: "bronze",
    rule: { kind: "count", event: "mission.accepted", who: "taker", threshold: 1, unit: "missions accepted" },
  },
  {
    key: "missions-10",
    name: "Dependable",
    description: "Have 10 of the missions you took on accepted.",
    icon: "🤝",
    tier: "silver",
    rule: { kind: "count", event: "mission.accepted", who: "taker", threshold: 10, unit: "missions accepted" },
  },
  {
    key: "missions-50",
    name: "Mission Legend",
    description: "Have 50 of the missions you took on accepted.",
    icon: "🦸",
    tier: "gold",
    rule: { kind: "count", event: "mission.accepted", who: "taker", threshold: 50, unit: "missions accepted" },
  },
  {
    key: "good-delegator",
    name: "Good Delegator",
    description: "See 5 missions you created accepted.",
    icon: "📋",
    tier: "silver",
    rule: { kind: "count", event: "mission.accepted", who: "owner", threshold: 5, unit: "of your missions accepted" },
  },
  {
    key: "bridge-builder",
    name: "Bridge Builder",
    description: "Complete accepted missions for people in three different departments.",
    icon: "🌉",
    tier: "silver",
    rule: { kind: "distinct", event: "mission.accepted", who: "taker", attribute: "ownerDepartmentId", threshold: 3, unit: "departments helped" },
  },
  {
    key: "conversationalist",
    name: "Conversationalist",
    description: "Post 10 comments on missions.",
    icon: "💬",
    tier: "bronze",
    rule: { kind: "count", event: "comment.posted", threshold: 10, unit: "comments" },
  },
  {
    key: "first-case",
    name: "First Case",
    description: "Resolve your first customer case.",
    icon: "📨",
    tier: "bronze",
    rule: { kind: "count", event: "case.resolved", threshold: 1, unit: "cases" },
  },
  {
    key: "cases-100",
    name: "Support Bronze",
    description: "Resolve 100 customer cases.",
    icon: "🥉",
    tier: "bronze",
    rule: { kind: "count", event: "case.resolved", threshold: 100, unit: "cases" },
  },
  {
    key: "cases-500",
    name: "Support Silver",
    description: "Resolve 500 customer cases.",
    icon: "🥈",
    tier: "silver",
    rule: { kind: "count", event: "case.resolved", threshold: 500, unit: "cases" },
  },
  {
    key: "support-master",
    name: "Support Master",
    description: "Resolve your 1,000th customer case.",
    icon: "🥇",
    tier: "gold",
    rule: { kind: "count", event: "case.resolved", threshold: 1000, unit: "cases" },
  },
  {
    key: "omnichannel",
    name: "Omnichannel",
    description: `Resolve a case on every channel: ${SUPPORT_CHANNELS.join(", ")}.`,
    icon: "🌐",
    tier: "silver",
    rule: { kind: "distinct", event: "case.resolved", attribute: "channel", threshold: SUPPORT_CHANNELS.length, unit: "channels" },
  },
  {
    key: "weekend-warrior",
    name: "Weekend Warrior",
    description: "Resolve a case on a Saturday or Sunday.",
    icon: "🏖️",
    tier: "bronze",
    rule: { kind: "count", event: "case.resolved", weekend: true, threshold: 1, unit: "weekend cases" },
  },
  {
    key: "customer-delight",
    name: "Customer Delight",
    description: "Get a good satisfaction rating on 25 resolved cases.",
    icon: "😊",
    tier: "silver",
    rule: { kind: "count", event: "case.resolved", where: [{ attribute: "satisfaction", equals: "good" }], threshold: 25, unit: "happy customers" },
  },
  {
    key: "busy-week",
    name: "Busy Week",
    description: "Resolve 50 cases in one week. Earned again every week you do it.",
    icon: "🔥",
    tier: "silver",
    rule: { kind: "count", event: "case.resolved", threshold: 50, period: "week", unit: "cases this week" },
  },
  {
    key: "weekly-champion",
    name: "Weekly Champion",
    description: "Resolve the most cases in a week (Monday to Sunday). Earned again each week you top the table.",
    icon: "🏆",
    tier: "gold",
    rule: { kind: "rank", event: "case.resolved", period: "week", top: 1, unit: "cases" },
  },
];

/** Default points per activity; admins change them in company settings. An accepted mission pays its taker. */
export const DEFAULT_POINT_RULES: { eventType: string; points: number; subject: "actor" | "taker" | "owner" }[] = [
  { eventType: "mission.created", points: 5, subject: "actor" },
  { eventType: "mission.started", points: 2, subject: "actor" },
  { eventType: "mission.completed", points: 5, subject: "actor" },
  { eventType: "mission.accepted", points: 20, subject: "taker" },
  { eventType: "comment.posted", points: 1, subject: "actor" },
  { eventType: "case.resolved", points: 2, subject: "actor" },
];

/** Levels at point thresholds. */
export const LEVELS = [
  { level: 1, name: "Rookie", minPoints: 0 },
  { level: 2, name: "Contributor", minPoints: 50 },
  { level: 3, name: "Regular", minPoints: 150 },
  { level: 4, name: "Pro", minPoints: 400 },
  { level: 5, name: "Expert", minPoints: 1_000 },
  { level: 6, name: "Master", minPoints: 2_500 },
  { level: 7, name: "Legend", minPoints: 6_000 },
] as const;
