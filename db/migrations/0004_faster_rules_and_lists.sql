DROP INDEX "activity_events_actor_type_idx";--> statement-breakpoint
DROP INDEX "point_entries_time_idx";--> statement-breakpoint
CREATE INDEX "activity_events_type_actor_time_idx" ON "activity_events" USING btree ("type","actor_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "point_entries_time_idx" ON "point_entries" USING btree ("occurred_at","user_id","points");