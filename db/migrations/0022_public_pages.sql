CREATE TABLE "entry_pages" (
	"entry_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"seal_seq" bigint NOT NULL,
	"rendered_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entry_pages_entry_id_locale_pk" PRIMARY KEY("entry_id","locale")
);
--> statement-breakpoint
CREATE TABLE "time_stamps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_type" text NOT NULL,
	"imprint" text NOT NULL,
	"seq" bigint,
	"evidence_id" uuid,
	"tsa_url" text NOT NULL,
	"token" "bytea" NOT NULL,
	"gen_time" timestamp (3) with time zone NOT NULL,
	"serial" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "audit_events_public_idx";--> statement-breakpoint
ALTER TABLE "entry_pages" ADD CONSTRAINT "entry_pages_entry_id_published_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."published_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "time_stamps_subject_idx" ON "time_stamps" USING btree ("subject_type","imprint");--> statement-breakpoint
CREATE INDEX "time_stamps_created_idx" ON "time_stamps" USING btree ("subject_type","created_at");--> statement-breakpoint
CREATE INDEX "audit_events_public_idx" ON "audit_events" USING btree ("seq") WHERE entity_type = 'claim' and ((type = 'claim.transitioned' and (data->>'action') in ('publish', 'correct', 'publish_correction', 'retract')) or type = 'entry.sealed');