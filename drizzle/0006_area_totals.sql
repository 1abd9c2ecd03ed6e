CREATE TABLE "area_daily_totals" (
	"movement_id" uuid NOT NULL,
	"area_unit_id" integer NOT NULL,
	"day" date NOT NULL,
	"points" numeric(14, 2) DEFAULT 0 NOT NULL,
	"classes" integer DEFAULT 0 NOT NULL,
	"attendees" integer DEFAULT 0 NOT NULL,
	"assists" integer DEFAULT 0 NOT NULL,
	"quizzes" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "area_daily_totals_movement_id_area_unit_id_day_pk" PRIMARY KEY("movement_id","area_unit_id","day")
);
--> statement-breakpoint
CREATE TABLE "area_movement_totals" (
	"movement_id" uuid NOT NULL,
	"area_unit_id" integer NOT NULL,
	"points" numeric(14, 2) DEFAULT 0 NOT NULL,
	"classes" integer DEFAULT 0 NOT NULL,
	"attendees" integer DEFAULT 0 NOT NULL,
	"assists" integer DEFAULT 0 NOT NULL,
	"quizzes" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "area_movement_totals_movement_id_area_unit_id_pk" PRIMARY KEY("movement_id","area_unit_id")
);
--> statement-breakpoint
ALTER TABLE "area_daily_totals" ADD CONSTRAINT "area_daily_totals_movement_id_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_daily_totals" ADD CONSTRAINT "area_daily_totals_area_unit_id_units_id_fk" FOREIGN KEY ("area_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_movement_totals" ADD CONSTRAINT "area_movement_totals_movement_id_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_movement_totals" ADD CONSTRAINT "area_movement_totals_area_unit_id_units_id_fk" FOREIGN KEY ("area_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "area_daily_totals_day_idx" ON "area_daily_totals" USING btree ("movement_id","day");--> statement-breakpoint
-- backfill from the unit-level totals: an area is the unit's commune, or its province above commune level
INSERT INTO "area_daily_totals" ("movement_id", "area_unit_id", "day", "points", "classes", "attendees", "assists", "quizzes")
SELECT t."movement_id", coalesce(u."commune_id", u."province_id", u."id"), t."day", sum(t."points"), sum(t."classes"), sum(t."attendees"), sum(t."assists"), sum(t."quizzes")
FROM "unit_daily_totals" t JOIN "units" u ON u."id" = t."unit_id"
GROUP BY 1, 2, 3;--> statement-breakpoint
INSERT INTO "area_movement_totals" ("movement_id", "area_unit_id", "points", "classes", "attendees", "assists", "quizzes")
SELECT t."movement_id", coalesce(u."commune_id", u."province_id", u."id"), sum(t."points"), sum(t."classes"), sum(t."attendees"), sum(t."assists"), sum(t."quizzes")
FROM "unit_movement_totals" t JOIN "units" u ON u."id" = t."unit_id"
GROUP BY 1, 2;
