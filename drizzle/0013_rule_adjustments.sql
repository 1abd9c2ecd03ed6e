ALTER TYPE "public"."ledger_entry_kind" ADD VALUE 'ADJUSTMENT';--> statement-breakpoint
DROP INDEX "points_ledger_once_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "points_ledger_once_uq" ON "points_ledger" USING btree ("activity_id","entry_kind") WHERE entry_kind in ('AWARD', 'REVERSAL');