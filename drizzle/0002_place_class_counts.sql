CREATE TABLE "place_class_counts" (
	"movement_id" uuid NOT NULL,
	"unit_id" integer NOT NULL,
	"place_unit_id" integer NOT NULL,
	"classes" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "place_class_counts_movement_id_unit_id_place_unit_id_pk" PRIMARY KEY("movement_id","unit_id","place_unit_id")
);
--> statement-breakpoint
ALTER TABLE "place_class_counts" ADD CONSTRAINT "place_class_counts_movement_id_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_class_counts" ADD CONSTRAINT "place_class_counts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_class_counts" ADD CONSTRAINT "place_class_counts_place_unit_id_units_id_fk" FOREIGN KEY ("place_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "place_class_counts_place_idx" ON "place_class_counts" USING btree ("movement_id","place_unit_id");