CREATE TYPE "public"."figure_measure" AS ENUM('killed', 'injured', 'displaced', 'missing');--> statement-breakpoint
CREATE TYPE "public"."name_script" AS ENUM('arabic', 'latin', 'mixed', 'other');--> statement-breakpoint
CREATE TYPE "public"."person_role" AS ENUM('victim', 'missing', 'injured', 'perpetrator', 'witness');--> statement-breakpoint
CREATE TYPE "public"."sex" AS ENUM('female', 'male');--> statement-breakpoint
CREATE TABLE "claim_persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" "person_role" NOT NULL,
	"is_public" boolean NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_name_keys" (
	"key" text NOT NULL,
	"person_id" uuid NOT NULL,
	"name_id" uuid NOT NULL,
	CONSTRAINT "person_name_keys_key_person_id_name_id_pk" PRIMARY KEY("key","person_id","name_id")
);
--> statement-breakpoint
CREATE TABLE "person_names" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "person_names_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" uuid NOT NULL,
	"name" text NOT NULL,
	"script" "name_script" NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sex" "sex",
	"age" smallint,
	"incident_date" date,
	"place_name" text,
	"note" text,
	"merged_into_id" uuid,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "persons_age_range" CHECK ("persons"."age" between 0 and 130),
	CONSTRAINT "persons_not_merged_into_self" CHECK ("persons"."merged_into_id" <> "persons"."id")
);
--> statement-breakpoint
CREATE TABLE "figures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"measure" "figure_measure" NOT NULL,
	"value_min" integer NOT NULL,
	"value_max" integer NOT NULL,
	"scope_place" text NOT NULL,
	"scope_period_from" date,
	"scope_period_to" date,
	"scope_key" text NOT NULL,
	"as_of" date NOT NULL,
	"source_id" uuid NOT NULL,
	"note" text,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "figures_range" CHECK ("figures"."value_min" >= 0 and "figures"."value_min" <= "figures"."value_max")
);
--> statement-breakpoint
ALTER TABLE "claim_persons" ADD CONSTRAINT "claim_persons_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_persons" ADD CONSTRAINT "claim_persons_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_persons" ADD CONSTRAINT "claim_persons_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_name_keys" ADD CONSTRAINT "person_name_keys_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_name_keys" ADD CONSTRAINT "person_name_keys_name_id_person_names_id_fk" FOREIGN KEY ("name_id") REFERENCES "public"."person_names"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_names" ADD CONSTRAINT "person_names_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_names" ADD CONSTRAINT "person_names_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_merged_into_id_persons_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "figures" ADD CONSTRAINT "figures_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "figures" ADD CONSTRAINT "figures_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "figures" ADD CONSTRAINT "figures_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "claim_persons_claim_person_role_idx" ON "claim_persons" USING btree ("claim_id","person_id","role");--> statement-breakpoint
CREATE INDEX "claim_persons_person_idx" ON "claim_persons" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_name_keys_name_idx" ON "person_name_keys" USING btree ("name_id");--> statement-breakpoint
CREATE UNIQUE INDEX "person_names_person_name_idx" ON "person_names" USING btree ("person_id","name");--> statement-breakpoint
CREATE INDEX "persons_merged_into_idx" ON "persons" USING btree ("merged_into_id");--> statement-breakpoint
CREATE INDEX "figures_scope_idx" ON "figures" USING btree ("measure","scope_key","as_of");--> statement-breakpoint
CREATE INDEX "figures_claim_idx" ON "figures" USING btree ("claim_id");