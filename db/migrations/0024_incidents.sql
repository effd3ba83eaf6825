CREATE TYPE "public"."age_band" AS ENUM('child', 'adult', 'older');--> statement-breakpoint
CREATE TYPE "public"."casualty_cause" AS ENUM('shot', 'shelled', 'airstrike', 'burned', 'stabbed', 'beaten', 'executed', 'explosive', 'other', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."casualty_status" AS ENUM('civilian', 'combatant', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."date_precision" AS ENUM('exact', 'day', 'approximate');--> statement-breakpoint
CREATE TYPE "public"."incident_state" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TYPE "public"."incident_type" AS ENUM('killing', 'mass_grave', 'shelling', 'arrest', 'disappearance', 'displacement', 'other');--> statement-breakpoint
CREATE TABLE "casualty_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "casualty_records_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"incident_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"date_of_death" date,
	"place_of_death" text,
	"cause" "casualty_cause" DEFAULT 'unknown' NOT NULL,
	"status" "casualty_status" DEFAULT 'unknown' NOT NULL,
	"age" smallint,
	"age_band" "age_band",
	"sex" "sex",
	"source_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"note" text,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "casualty_records_age_range" CHECK ("casualty_records"."age" between 0 and 130)
);
--> statement-breakpoint
CREATE TABLE "incident_attributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"perpetrator" text NOT NULL,
	"grade" "grade" NOT NULL,
	"rationale" text NOT NULL,
	"source_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_claims" (
	"incident_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_claims_incident_id_claim_id_pk" PRIMARY KEY("incident_id","claim_id")
);
--> statement-breakpoint
CREATE TABLE "incident_versions" (
	"incident_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"published_by_id" uuid NOT NULL,
	"published_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_versions_incident_id_version_pk" PRIMARY KEY("incident_id","version")
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"language" text NOT NULL,
	"translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"type" "incident_type" NOT NULL,
	"summary" text,
	"place_name" text NOT NULL,
	"place_precision" "place_precision" NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"start_time" time,
	"date_precision" date_precision NOT NULL,
	"parent_id" uuid,
	"state" "incident_state" DEFAULT 'draft' NOT NULL,
	"published_version" integer,
	"slug" text,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"changed_by_id" uuid NOT NULL,
	"changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "incidents_slug_unique" UNIQUE("slug"),
	CONSTRAINT "incidents_dates" CHECK ("incidents"."start_date" <= "incidents"."end_date"),
	CONSTRAINT "incidents_coordinates" CHECK (("incidents"."latitude" is null) = ("incidents"."longitude" is null) and coalesce("incidents"."latitude" between -90 and 90 and "incidents"."longitude" between -180 and 180, true)),
	CONSTRAINT "incidents_not_own_parent" CHECK ("incidents"."parent_id" <> "incidents"."id")
);
--> statement-breakpoint
ALTER TABLE "figures" ADD COLUMN "at_least" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "casualty_records" ADD CONSTRAINT "casualty_records_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casualty_records" ADD CONSTRAINT "casualty_records_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casualty_records" ADD CONSTRAINT "casualty_records_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_attributions" ADD CONSTRAINT "incident_attributions_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_attributions" ADD CONSTRAINT "incident_attributions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_claims" ADD CONSTRAINT "incident_claims_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_claims" ADD CONSTRAINT "incident_claims_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_claims" ADD CONSTRAINT "incident_claims_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_versions" ADD CONSTRAINT "incident_versions_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_versions" ADD CONSTRAINT "incident_versions_published_by_id_users_id_fk" FOREIGN KEY ("published_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_parent_id_incidents_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_changed_by_id_users_id_fk" FOREIGN KEY ("changed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "casualty_records_incident_person_idx" ON "casualty_records" USING btree ("incident_id","person_id");--> statement-breakpoint
CREATE INDEX "casualty_records_person_idx" ON "casualty_records" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "incident_attributions_incident_idx" ON "incident_attributions" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "incident_claims_claim_idx" ON "incident_claims" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "incident_versions_published_idx" ON "incident_versions" USING btree ("published_at","incident_id");--> statement-breakpoint
CREATE INDEX "incidents_start_idx" ON "incidents" USING btree ("start_date","id");--> statement-breakpoint
CREATE INDEX "incidents_type_start_idx" ON "incidents" USING btree ("type","start_date","id");--> statement-breakpoint
CREATE INDEX "incidents_published_start_idx" ON "incidents" USING btree ("start_date","id") WHERE "incidents"."state" = 'published';--> statement-breakpoint
CREATE INDEX "incidents_place_idx" ON "incidents" USING btree ("longitude","latitude");--> statement-breakpoint
CREATE INDEX "incidents_parent_idx" ON "incidents" USING btree ("parent_id");