CREATE TYPE "public"."assessment_stance" AS ENUM('supports', 'contradicts', 'context');--> statement-breakpoint
CREATE TYPE "public"."reliability" AS ENUM('A', 'B', 'C', 'D', 'E', 'F');--> statement-breakpoint
CREATE TYPE "public"."source_kind" AS ENUM('organisation', 'outlet', 'account', 'channel', 'person');--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"evidence_id" uuid NOT NULL,
	"stance" "assessment_stance" NOT NULL,
	"credibility" smallint NOT NULL,
	"note" text,
	"assessed_by_id" uuid NOT NULL,
	"assessed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessments_credibility_range" CHECK ("assessments"."credibility" between 1 and 6)
);
--> statement-breakpoint
CREATE TABLE "citations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"cites_source_id" uuid NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "citations_not_self" CHECK ("citations"."source_id" <> "citations"."cites_source_id")
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "source_kind" NOT NULL,
	"url" text,
	"handles" text[] DEFAULT '{}'::text[] NOT NULL,
	"reliability" "reliability" DEFAULT 'F' NOT NULL,
	"reliability_rationale" text,
	"affiliated_with_id" uuid,
	"is_protected" boolean DEFAULT false NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "published_by_source_id" uuid;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "obtained_via_source_id" uuid;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "is_first_hand" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_assessed_by_id_users_id_fk" FOREIGN KEY ("assessed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citations" ADD CONSTRAINT "citations_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citations" ADD CONSTRAINT "citations_cites_source_id_sources_id_fk" FOREIGN KEY ("cites_source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citations" ADD CONSTRAINT "citations_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_affiliated_with_id_sources_id_fk" FOREIGN KEY ("affiliated_with_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessments_item_reviewer_idx" ON "assessments" USING btree ("evidence_id","assessed_by_id");--> statement-breakpoint
CREATE INDEX "assessments_claim_idx" ON "assessments" USING btree ("claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "citations_pair_idx" ON "citations" USING btree ("source_id","cites_source_id");--> statement-breakpoint
CREATE INDEX "citations_cited_idx" ON "citations" USING btree ("cites_source_id");--> statement-breakpoint
CREATE INDEX "sources_name_idx" ON "sources" USING btree ("name");--> statement-breakpoint
-- Declared here rather than in db/schema (evidence.ts and sources.ts would import each other).
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_published_by_source_id_fk" FOREIGN KEY ("published_by_source_id") REFERENCES "public"."sources"("id");--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_obtained_via_source_id_fk" FOREIGN KEY ("obtained_via_source_id") REFERENCES "public"."sources"("id");--> statement-breakpoint
CREATE INDEX "evidence_published_by_idx" ON "evidence" USING btree ("published_by_source_id");
