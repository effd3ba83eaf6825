CREATE TABLE "evidence_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evidence_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"start_ms" integer NOT NULL,
	"end_ms" integer,
	"body" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp (3) with time zone,
	"deleted_at" timestamp (3) with time zone,
	"deleted_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "evidence_views" (
	"evidence_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"copy" text NOT NULL,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_views_evidence_id_user_id_copy_pk" PRIMARY KEY("evidence_id","user_id","copy")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "low_bandwidth" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "derived_from_id" uuid;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "derived_at_ms" integer;--> statement-breakpoint
ALTER TABLE "evidence_derivatives" ADD COLUMN "media_type" text DEFAULT 'image/jpeg' NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence_derivatives" ADD COLUMN "size" bigint;--> statement-breakpoint
ALTER TABLE "evidence_derivatives" ADD COLUMN "details" jsonb;--> statement-breakpoint
ALTER TABLE "evidence_notes" ADD CONSTRAINT "evidence_notes_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_notes" ADD CONSTRAINT "evidence_notes_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_notes" ADD CONSTRAINT "evidence_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_notes" ADD CONSTRAINT "evidence_notes_deleted_by_id_users_id_fk" FOREIGN KEY ("deleted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_views" ADD CONSTRAINT "evidence_views_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_views" ADD CONSTRAINT "evidence_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_notes_evidence_idx" ON "evidence_notes" USING btree ("evidence_id","start_ms");--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_derived_from_id_evidence_id_fk" FOREIGN KEY ("derived_from_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;