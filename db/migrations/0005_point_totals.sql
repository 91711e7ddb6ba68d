CREATE TABLE "point_totals" (
	"user_id" text PRIMARY KEY NOT NULL,
	"points" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "point_totals" ADD CONSTRAINT "point_totals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "point_totals_points_idx" ON "point_totals" USING btree ("points" DESC NULLS LAST);--> statement-breakpoint
INSERT INTO "point_totals" ("user_id", "points") SELECT "user_id", sum("points") FROM "point_entries" GROUP BY "user_id";
