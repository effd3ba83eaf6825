ALTER TABLE "evidence" ADD COLUMN "capture_error" text;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "withdrawn_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "withdrawn_by_id" uuid;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "withdrawal_reason" text;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_withdrawn_by_id_users_id_fk" FOREIGN KEY ("withdrawn_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- hand-written: captures that failed before the reason was kept say so, so they read as failed, not as still capturing.
UPDATE "evidence" SET "capture_error" = 'The capture failed; the reason was not kept.' WHERE "blob_sha256" IS NULL AND "capture_error" IS NULL AND "processing"->>'capture' = 'failed';
