ALTER TABLE "company_settings" ADD COLUMN "allowed_domains" jsonb;--> statement-breakpoint
ALTER TABLE "company_settings" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "company_settings" ADD COLUMN "attachment_max_mb" integer;--> statement-breakpoint
ALTER TABLE "missions" ADD COLUMN "taker_reminded_for" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "missions" ADD COLUMN "overdue_reminded_for" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "emailed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_preferences" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "tour_seen_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "notifications_outbox_idx" ON "notifications" USING btree ("id") WHERE emailed_at is null;