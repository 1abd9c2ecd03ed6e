CREATE TABLE "frozen_place_class_counts" (
	"movement_id" uuid NOT NULL,
	"unit_id" integer NOT NULL,
	"place_unit_id" integer NOT NULL,
	"classes" integer NOT NULL,
	CONSTRAINT "frozen_place_class_counts_movement_id_unit_id_place_unit_id_pk" PRIMARY KEY("movement_id","unit_id","place_unit_id")
);
--> statement-breakpoint
CREATE TABLE "frozen_unit_totals" (
	"movement_id" uuid NOT NULL,
	"unit_id" integer NOT NULL,
	"points" numeric(14, 2) NOT NULL,
	"classes" integer NOT NULL,
	"attendees" integer NOT NULL,
	"assists" integer NOT NULL,
	"quizzes" integer NOT NULL,
	CONSTRAINT "frozen_unit_totals_movement_id_unit_id_pk" PRIMARY KEY("movement_id","unit_id")
);
--> statement-breakpoint
ALTER TABLE "frozen_place_class_counts" ADD CONSTRAINT "frozen_place_class_counts_movement_id_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frozen_place_class_counts" ADD CONSTRAINT "frozen_place_class_counts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frozen_place_class_counts" ADD CONSTRAINT "frozen_place_class_counts_place_unit_id_units_id_fk" FOREIGN KEY ("place_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frozen_unit_totals" ADD CONSTRAINT "frozen_unit_totals_movement_id_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frozen_unit_totals" ADD CONSTRAINT "frozen_unit_totals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;