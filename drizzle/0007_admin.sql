ALTER TABLE "units" ADD COLUMN "deactivated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "deactivated_reason" text;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "unit_id" integer;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "movement_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "setup_code_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "disabled_reason" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "password_changed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "audit_log_unit_idx" ON "audit_log" USING btree ("unit_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_movement_idx" ON "audit_log" USING btree ("movement_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","id");--> statement-breakpoint
CREATE INDEX "users_role_idx" ON "users" USING btree ("role","unit_id");--> statement-breakpoint
-- Who may read an audit entry follows the unit (and movement) its subject belongs to. Writers that
-- know them pass them; for the others this trigger looks them up from the subject, once, at insert.
CREATE OR REPLACE FUNCTION "audit_log_scope"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."entity_type" = 'activity' THEN
    SELECT a."unit_id", a."movement_id" INTO NEW."unit_id", NEW."movement_id" FROM "activities" a WHERE a."id"::text = NEW."entity_id";
  ELSIF NEW."entity_type" = 'movement' THEN
    SELECT m."organizer_unit_id", m."id" INTO NEW."unit_id", NEW."movement_id" FROM "movements" m WHERE m."id"::text = NEW."entity_id";
  ELSIF NEW."entity_type" = 'unit' THEN
    NEW."unit_id" := CASE WHEN NEW."entity_id" ~ '^[0-9]{1,9}$' THEN NEW."entity_id"::int END;
  ELSIF NEW."entity_type" = 'user' THEN
    SELECT u."unit_id" INTO NEW."unit_id" FROM "users" u WHERE u."id"::text = NEW."entity_id";
  ELSIF NEW."entity_type" = 'citizen' THEN
    SELECT c."unit_id" INTO NEW."unit_id" FROM "citizens" c WHERE c."id"::text = NEW."entity_id";
  ELSIF NEW."entity_type" = 'household' THEN
    SELECT h."unit_id" INTO NEW."unit_id" FROM "households" h WHERE h."id"::text = NEW."entity_id";
  ELSIF NEW."entity_type" = 'badge_award' THEN
    SELECT coalesce(b."unit_id", c."unit_id", h."unit_id", u."unit_id", b."issuer_unit_id"), b."movement_id" INTO NEW."unit_id", NEW."movement_id"
    FROM "badge_awards" b
    LEFT JOIN "citizens" c ON c."id" = b."citizen_id"
    LEFT JOIN "households" h ON h."id" = b."household_id"
    LEFT JOIN "users" u ON u."id" = b."user_id"
    WHERE b."id"::text = NEW."entity_id";
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "audit_log_scope" BEFORE INSERT ON "audit_log" FOR EACH ROW WHEN (NEW."unit_id" IS NULL AND NEW."movement_id" IS NULL) EXECUTE FUNCTION "audit_log_scope"();--> statement-breakpoint
-- the entries written before this migration (the log is append-only: its guard steps aside for this once)
ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_append_only";--> statement-breakpoint
UPDATE "audit_log" l SET "unit_id" = a."unit_id", "movement_id" = a."movement_id" FROM "activities" a WHERE l."entity_type" = 'activity' AND a."id"::text = l."entity_id";--> statement-breakpoint
UPDATE "audit_log" l SET "unit_id" = m."organizer_unit_id", "movement_id" = m."id" FROM "movements" m WHERE l."entity_type" = 'movement' AND m."id"::text = l."entity_id";--> statement-breakpoint
UPDATE "audit_log" l SET "unit_id" = c."unit_id" FROM "citizens" c WHERE l."entity_type" = 'citizen' AND c."id"::text = l."entity_id";--> statement-breakpoint
UPDATE "audit_log" l SET "unit_id" = h."unit_id" FROM "households" h WHERE l."entity_type" = 'household' AND h."id"::text = l."entity_id";--> statement-breakpoint
UPDATE "audit_log" l SET "unit_id" = l."entity_id"::int WHERE l."entity_type" = 'unit' AND l."entity_id" ~ '^[0-9]{1,9}$';--> statement-breakpoint
UPDATE "audit_log" l SET "unit_id" = coalesce(b."unit_id", c."unit_id", h."unit_id", u."unit_id", b."issuer_unit_id"), "movement_id" = b."movement_id"
FROM "badge_awards" b
LEFT JOIN "citizens" c ON c."id" = b."citizen_id"
LEFT JOIN "households" h ON h."id" = b."household_id"
LEFT JOIN "users" u ON u."id" = b."user_id"
WHERE l."entity_type" = 'badge_award' AND b."id"::text = l."entity_id";--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_append_only";
