DROP INDEX "missions_activity_idx";--> statement-breakpoint
DROP INDEX "missions_owner_idx";--> statement-breakpoint
DROP INDEX "missions_taker_idx";--> statement-breakpoint
DROP INDEX "missions_status_idx";--> statement-breakpoint
DROP INDEX "notifications_user_idx";--> statement-breakpoint
DROP INDEX "point_totals_points_idx";--> statement-breakpoint
CREATE INDEX "missions_activity_idx" ON "missions" USING btree ("last_activity_at","id");--> statement-breakpoint
CREATE INDEX "missions_owner_idx" ON "missions" USING btree ("owner_id","last_activity_at","id");--> statement-breakpoint
CREATE INDEX "missions_taker_idx" ON "missions" USING btree ("taker_id","last_activity_at","id");--> statement-breakpoint
CREATE INDEX "missions_status_idx" ON "missions" USING btree ("status","last_activity_at","id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "point_totals_points_idx" ON "point_totals" USING btree ("points");