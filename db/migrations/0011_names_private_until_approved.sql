CREATE TYPE "public"."name_publication_basis" AS ENUM('already_public', 'family_consent', 'other');--> statement-breakpoint
ALTER TABLE "claim_persons" ALTER COLUMN "is_public" SET DEFAULT false;--> statement-breakpoint
ALTER TABLE "claim_persons" ADD COLUMN "publication_basis" "name_publication_basis";--> statement-breakpoint
ALTER TABLE "claim_persons" ADD COLUMN "publication_basis_note" text;--> statement-breakpoint
ALTER TABLE "claim_persons" ADD COLUMN "approved_by_id" uuid;--> statement-breakpoint
ALTER TABLE "claim_persons" ADD COLUMN "approved_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "claim_persons" ADD CONSTRAINT "claim_persons_approved_by_id_users_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- hand-written:
-- Until now victims were public by default. A name stays public only where it has already been
-- published: a public link on a claim with a published version made at or after the link was
-- created keeps its status, with basis `other`, the note below, approved at that first
-- publication and by no one recorded (approved_by_id stays null), so a later correction does not
-- silently drop a name readers have seen. Every other public link (never published: in triage,
-- corroboration or review, or rejected) becomes private, its version bumped so an open form is
-- stale. The back-fill writes no audit events (the chain is built by the app); this note is the record.
UPDATE "claim_persons" AS cp
SET "publication_basis" = 'other',
  "publication_basis_note" = 'Published before approval with a basis was required',
  "approved_at" = (SELECT min(pe."published_at") FROM "published_entries" pe WHERE pe."claim_id" = cp."claim_id" AND pe."published_at" >= cp."created_at")
WHERE cp."is_public"
  AND EXISTS (SELECT 1 FROM "published_entries" pe WHERE pe."claim_id" = cp."claim_id" AND pe."published_at" >= cp."created_at");
--> statement-breakpoint
UPDATE "claim_persons" SET "is_public" = false, "version" = "version" + 1 WHERE "is_public" AND "publication_basis" IS NULL;
--> statement-breakpoint
-- Nothing is public without a basis and an approval time; a private link carries none of them;
-- `other` states what it is.
ALTER TABLE "claim_persons" ADD CONSTRAINT "claim_persons_public_has_basis" CHECK (
  "is_public" = ("publication_basis" IS NOT NULL)
  AND "is_public" = ("approved_at" IS NOT NULL)
  AND ("is_public" OR ("publication_basis_note" IS NULL AND "approved_by_id" IS NULL))
  AND ("publication_basis" IS DISTINCT FROM 'other' OR "publication_basis_note" IS NOT NULL)
);
