CREATE TABLE "activity_participants" (
	"activity_id" uuid NOT NULL,
	"citizen_id" uuid NOT NULL,
	"linked_by" uuid,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_participants_activity_id_citizen_id_pk" PRIMARY KEY("activity_id","citizen_id")
);
--> statement-breakpoint
ALTER TABLE "quiz_questions" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "activity_participants" ADD CONSTRAINT "activity_participants_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_participants" ADD CONSTRAINT "activity_participants_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_participants_citizen_idx" ON "activity_participants" USING btree ("citizen_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quiz_questions_code_uq" ON "quiz_questions" USING btree ("code");