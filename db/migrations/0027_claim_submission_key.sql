ALTER TABLE "claims" ADD COLUMN "submission_key" uuid;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "submission_digest" text;--> statement-breakpoint
CREATE UNIQUE INDEX "claims_submission_key_idx" ON "claims" USING btree ("submitted_by_id","submission_key");