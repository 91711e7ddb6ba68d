import type { AdapterAccountType } from "@auth/core/adapters";
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

export const NOTIFICATION_KINDS = ["comment", "status_change", "achievement", "reminder"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const ROLES = ["member", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const roleEnum = pgEnum("role", ROLES);

export const departments = pgTable("departments", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  name: text("name").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

// Auth.js reads and writes id, name, email, emailVerified and image; the rest is ours.
// Emails are stored lower-cased so the unique index is case-insensitive in practice.
export const users = pgTable(
  "users",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    name: text("name"),
    email: text("email").notNull().unique(),
    emailVerified: timestamp("email_verified", { mode: "date", withTimezone: true }),
    image: text("image"),
    role: roleEnum("role").notNull().default("member"),
    departmentId: integer("department_id").references(() => departments.id, { onDelete: "set null" }),
    active: boolean("active").notNull().default(true),
    /** IANA zone; null means the company's time zone. */
    timeZone: text("time_zone"),
    hideFromLeaderboards: boolean("hide_from_leaderboards").notNull().default(false),
    /** Email per notification kind; a kind not listed is on. */
    emailPreferences: jsonb("email_preferences").$type<Partial<Record<NotificationKind, boolean>>>().notNull().default({}),
    /** When the person finished or skipped the Quick-Start Tour; null offers it. */
    tourSeenAt: timestamp("tour_seen_at", { withTimezone: true }),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("users_department_idx").on(t.departmentId)],
);

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<AdapterAccountType>().notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index("accounts_user_idx").on(t.userId)],
);

export const sessions = pgTable(
  "sessions",
  {
    sessionToken: text("session_token").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expires: timestamp("expires", { mode: "date", withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { mode: "date", withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

export const MISSION_STATUSES = ["open", "in_progress", "awaiting_acceptance", "accepted", "rejected", "cancelled"] as const;
export type MissionStatus = (typeof MISSION_STATUSES)[number];
export const missionStatusEnum = pgEnum("mission_status", MISSION_STATUSES);

export const missions = pgTable(
  "missions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id),
    takerId: text("taker_id").references(() => users.id),
    description: text("description").notNull(),
    /** The description's first line, kept with it so lists never read whole descriptions. */
    headline: text("headline").notNull(),
    reward: text("reward").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }),
    /** true: everyone may start it; false: only members of the departments in mission_audience. */
    audienceEveryone: boolean("audience_everyone").notNull().default(true),
    parentId: integer("parent_id").references((): AnyPgColumn => missions.id),
    status: missionStatusEnum("status").notNull().default("open"),
    commentCount: integer("comment_count").notNull().default(0),
    /** The due date each reminder was sent for, so each is sent once (and again if the date changes). */
    takerRemindedFor: timestamp("taker_reminded_for", { withTimezone: true }),
    overdueRemindedFor: timestamp("overdue_reminded_for", { withTimezone: true }),
    /** Creation, a comment or a status change: drives "newest activity first" and unread (bold). */
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // Ascending on purpose: read backwards they give ORDER BY … DESC (nulls first). Declared DESC,
  // drizzle-kit makes them DESC NULLS LAST, which that ORDER BY cannot use (it sorted every row).
  (t) => [
    index("missions_activity_idx").on(t.lastActivityAt, t.id),
    index("missions_owner_idx").on(t.ownerId, t.lastActivityAt, t.id),
    index("missions_taker_idx").on(t.takerId, t.lastActivityAt, t.id),
    index("missions_status_idx").on(t.status, t.lastActivityAt, t.id),
    index("missions_parent_idx").on(t.parentId),
  ],
);

export const missionAudience = pgTable(
  "mission_audience",
  {
    missionId: integer("mission_id")
      .notNull()
      .references(() => missions.id, { onDelete: "cascade" }),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id),
  },
  (t) => [primaryKey({ columns: [t.missionId, t.departmentId] }), index("mission_audience_department_idx").on(t.departmentId)],
);

export const missionTransitions = pgTable(
  "mission_transitions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    missionId: integer("mission_id")
      .notNull()
      .references(() => missions.id, { onDelete: "cascade" }),
    actorId: text("actor_id")
      .notNull()
      .references(() => users.id),
    fromStatus: missionStatusEnum("from_status"),
    toStatus: missionStatusEnum("to_status").notNull(),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("mission_transitions_mission_idx").on(t.missionId, t.id)],
);

export const comments = pgTable(
  "comments",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    missionId: integer("mission_id")
      .notNull()
      .references(() => missions.id, { onDelete: "cascade" }),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
  },
  (t) => [index("comments_mission_idx").on(t.missionId, t.id), index("comments_author_idx").on(t.authorId, t.missionId)],
);

export const attachments = pgTable(
  "attachments",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    missionId: integer("mission_id")
      .notNull()
      .references(() => missions.id, { onDelete: "cascade" }),
    commentId: integer("comment_id").references(() => comments.id, { onDelete: "cascade" }),
    uploaderId: text("uploader_id")
      .notNull()
      .references(() => users.id),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("attachments_mission_idx").on(t.missionId), index("attachments_comment_idx").on(t.commentId)],
);

/** File contents for the database storage backend, apart from the metadata so lists stay light. */
export const attachmentBlobs = pgTable("attachment_blobs", {
  attachmentId: text("attachment_id")
    .primaryKey()
    .references(() => attachments.id, { onDelete: "cascade" }),
  data: bytea("data").notNull(),
});

export const missionReads = pgTable(
  "mission_reads",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    missionId: integer("mission_id")
      .notNull()
      .references(() => missions.id, { onDelete: "cascade" }),
    readAt: timestamp("read_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.missionId] })],
);

/** "Mark all as read": everything with activity up to this moment counts as read for the user. */
export const missionReadMarks = pgTable("mission_read_marks", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  allReadAt: timestamp("all_read_at", { withTimezone: true }).notNull(),
});


export const notifications = pgTable(
  "notifications",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").$type<NotificationKind>().notNull(),
    actorId: text("actor_id").references(() => users.id),
    missionId: integer("mission_id").references(() => missions.id, { onDelete: "cascade" }),
    /** The sentence shown in the inbox and the toast, written when it happened. */
    message: text("message").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
    /** The email outbox: null until the mailer has dealt with it (sent, or skipped by preference). */
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.id),
    index("notifications_unread_idx").on(t.userId).where(sql`read_at is null`),
    index("notifications_outbox_idx").on(t.id).where(sql`emailed_at is null`),
  ],
);

/** Append-only record of what people did, in the app or elsewhere; achievements are computed from it. */
export const activityEvents = pgTable(
  "activity_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    type: text("type").notNull(),
    actorId: text("actor_id")
      .notNull()
      .references(() => users.id),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    attributes: jsonb("attributes").$type<Record<string, unknown>>().notNull().default({}),
    source: text("source").notNull().default("app"),
    externalId: text("external_id"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Only events that came with an id of their own: the app's events (no id) would fill it for nothing.
    uniqueIndex("activity_events_external_idx").on(t.source, t.externalId).where(sql`${t.externalId} is not null`),
    // In the order the rules' window functions read: per type, per person, in time (no sort, index-only).
    index("activity_events_type_actor_time_idx").on(t.type, t.actorId, t.occurredAt, t.id),
    // A type's events in time with their actor: rules tally each period's range index-only.
    index("activity_events_type_time_actor_idx").on(t.type, t.occurredAt, t.actorId),
    // Rules about a mission's taker or owner find that person's events here, not by reading every
    // event of the type (which grew with the company's history on each evaluation). Only mission
    // events name them, so these stay small.
    index("activity_events_type_taker_time_idx")
      .on(t.type, sql`(${t.attributes}->>'takerId')`, t.occurredAt, t.id)
      .where(sql`(${t.attributes}->>'takerId') is not null`),
    index("activity_events_type_owner_time_idx")
      .on(t.type, sql`(${t.attributes}->>'ownerId')`, t.occurredAt, t.id)
      .where(sql`(${t.attributes}->>'ownerId') is not null`),
  ],
);

export const API_TOKEN_KINDS = ["personal", "integration"] as const;
export type ApiTokenKind = (typeof API_TOKEN_KINDS)[number];

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** Personal tokens act as this user; integration tokens were created by this admin. */
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").$type<ApiTokenKind>().notNull(),
    name: text("name").notNull(),
    /** SHA-256 of the token; the token itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    /** The first characters, so people can tell their tokens apart. */
    prefix: text("prefix").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

/** Company-wide switches; one row (id = 1). */
export const companySettings = pgTable("company_settings", {
  id: integer("id").primaryKey().default(1),
  achievementsEnabled: boolean("achievements_enabled").notNull().default(true),
  /** Set by admins; null means the deployment's default from the environment. */
  allowedDomains: jsonb("allowed_domains").$type<string[]>(),
  timeZone: text("time_zone"),
  attachmentMaxMb: integer("attachment_max_mb"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const ACHIEVEMENT_TIERS = ["bronze", "silver", "gold", "platinum"] as const;
export type AchievementTier = (typeof ACHIEVEMENT_TIERS)[number];

export const achievements = pgTable("achievements", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  /** Built-ins have a stable key; custom ones have none. */
  key: text("key").unique(),
  name: text("name").notNull(),
  description: text("description").notNull(),
  icon: text("icon").notNull(),
  tier: text("tier").$type<AchievementTier>().notNull(),
  /** The rule, validated by lib/achievements/rules.ts. */
  rule: jsonb("rule").notNull(),
  enabled: boolean("enabled").notNull().default(true),
  builtIn: boolean("built_in").notNull().default(false),
  /** Period awards (rank rules): every period that ended before this instant has been awarded. */
  awardedThrough: timestamp("awarded_through", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One row per earning; the unique key is what makes a double grant impossible under any concurrency. */
export const userAchievements = pgTable(
  "user_achievements",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    achievementId: integer("achievement_id")
      .notNull()
      .references(() => achievements.id, { onDelete: "cascade" }),
    /** "" for once-only achievements; the period ("2026-W47", "2026-11") for repeatable ones. */
    periodKey: text("period_key").notNull().default(""),
    /** When it was earned: the event that crossed the line, or the end of the period. */
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("user_achievements_once_idx").on(t.userId, t.achievementId, t.periodKey),
    index("user_achievements_achievement_idx").on(t.achievementId),
  ],
);

/** Points each activity type is worth, and to whom (the actor, or a person named in the attributes). */
export const pointRules = pgTable("point_rules", {
  eventType: text("event_type").primaryKey(),
  points: integer("points").notNull(),
  subject: text("subject").$type<"actor" | "taker" | "owner">().notNull().default("actor"),
});

/** The points ledger: append-only, one row per event that paid someone. */
export const pointEntries = pgTable(
  "point_entries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    eventId: bigint("event_id", { mode: "number" })
      .notNull()
      .references(() => activityEvents.id, { onDelete: "cascade" }),
    points: integer("points").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("point_entries_event_user_idx").on(t.eventId, t.userId), index("point_entries_time_idx").on(t.occurredAt, t.userId, t.points)],
);

/** Each person's all-time points: derived from the ledger in the same statement that pays, for the all-time leaderboard. */
export const pointTotals = pgTable(
  "point_totals",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    points: integer("points").notNull(),
  },
  (t) => [index("point_totals_points_idx").on(t.points)],
);

/** A retroactive evaluation (feature or achievement switched on), with progress people can watch. */
export const backfillRuns = pgTable("backfill_runs", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  requestedBy: text("requested_by").references(() => users.id, { onDelete: "set null" }),
  achievementIds: jsonb("achievement_ids").$type<number[]>().notNull(),
  status: text("status").$type<"pending" | "running" | "done" | "failed">().notNull().default("pending"),
  done: integer("done").notNull().default(0),
  total: integer("total").notNull(),
  granted: integer("granted").notNull().default(0),
  error: text("error"),
  /** Bumped as the run progresses; a running run whose heartbeat is old was abandoned and is taken over. */
  heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});

/**
 * In-app activity waiting for achievement evaluation: written in the same statement as the event,
 * taken (SKIP LOCKED) by any instance's worker in a following transaction right after the commit,
 * so a transition does not wait for the rules, and a crash loses nothing (the job timer catches up).
 */
export const achievementQueue = pgTable("achievement_queue", {
  eventId: bigint("event_id", { mode: "number" })
    .primaryKey()
    .references(() => activityEvents.id, { onDelete: "cascade" }),
});
