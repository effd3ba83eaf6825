ALTER TABLE "evidence" ADD COLUMN "commitment_key" text;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "commitment" text;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "disclosure" text;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "disclosure_reason" text;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "disclosure_set_by_id" uuid;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "disclosure_set_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_disclosure_set_by_id_users_id_fk" FOREIGN KEY ("disclosure_set_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- hand-written: every item stored before commitments existed gets one from a job (lib/publishing/commitment-backfill.ts) that reads its bytes once; the job then corrects any published entry that still names by its SHA-256 an item the rule now names by its commitment.
INSERT INTO "jobs" ("kind", "evidence_id")
SELECT 'commitment', e.id
FROM "evidence" e
WHERE e.blob_sha256 IS NOT NULL AND e.commitment IS NULL
ON CONFLICT DO NOTHING;
