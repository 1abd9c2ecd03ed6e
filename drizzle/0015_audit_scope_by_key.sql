-- The subject's unit and movement were looked up with "id"::text = entity_id, which no index can
-- serve: every audit entry that did not name them (an approval, a revocation) read the whole
-- activities table (10 million rows at national scale). The lookup now goes by primary key; an
-- entity_id that is not a uuid matches nothing, as before.
CREATE OR REPLACE FUNCTION "audit_log_scope"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  subject uuid;
BEGIN
  IF NEW."entity_type" = 'unit' THEN
    NEW."unit_id" := CASE WHEN NEW."entity_id" ~ '^[0-9]{1,9}$' THEN NEW."entity_id"::int END;
    RETURN NEW;
  END IF;
  IF NEW."entity_id" !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
    RETURN NEW;
  END IF;
  subject := NEW."entity_id"::uuid;
  IF NEW."entity_type" = 'activity' THEN
    SELECT a."unit_id", a."movement_id" INTO NEW."unit_id", NEW."movement_id" FROM "activities" a WHERE a."id" = subject;
  ELSIF NEW."entity_type" = 'movement' THEN
    SELECT m."organizer_unit_id", m."id" INTO NEW."unit_id", NEW."movement_id" FROM "movements" m WHERE m."id" = subject;
  ELSIF NEW."entity_type" = 'user' THEN
    SELECT u."unit_id" INTO NEW."unit_id" FROM "users" u WHERE u."id" = subject;
  ELSIF NEW."entity_type" = 'citizen' THEN
    SELECT c."unit_id" INTO NEW."unit_id" FROM "citizens" c WHERE c."id" = subject;
  ELSIF NEW."entity_type" = 'household' THEN
    SELECT h."unit_id" INTO NEW."unit_id" FROM "households" h WHERE h."id" = subject;
  ELSIF NEW."entity_type" = 'badge_award' THEN
    SELECT coalesce(b."unit_id", c."unit_id", h."unit_id", u."unit_id", b."issuer_unit_id"), b."movement_id" INTO NEW."unit_id", NEW."movement_id"
    FROM "badge_awards" b
    LEFT JOIN "citizens" c ON c."id" = b."citizen_id"
    LEFT JOIN "households" h ON h."id" = b."household_id"
    LEFT JOIN "users" u ON u."id" = b."user_id"
    WHERE b."id" = subject;
  END IF;
  RETURN NEW;
END $$;
