DROP INDEX "activity_events_type_time_idx";--> statement-breakpoint
CREATE INDEX "activity_events_type_time_actor_idx" ON "activity_events" USING btree ("type","occurred_at","actor_id");