DROP INDEX "audit_events_public_idx";--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "pending_correction" jsonb;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "correction_drafted_by_id" uuid;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "correction_drafted_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_correction_drafted_by_id_users_id_fk" FOREIGN KEY ("correction_drafted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_public_idx" ON "audit_events" USING btree ("seq") WHERE type = 'claim.transitioned' and entity_type = 'claim' and (data->>'action') in ('publish', 'correct', 'publish_correction', 'retract');