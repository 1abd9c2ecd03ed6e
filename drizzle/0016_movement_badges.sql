ALTER TABLE "badges" ADD COLUMN "movement_id" uuid;--> statement-breakpoint
ALTER TABLE "badges" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_movement_id_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "badges_movement_idx" ON "badges" USING btree ("movement_id");