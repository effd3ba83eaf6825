ALTER TABLE "published_entries" drop column "search_vector";--> statement-breakpoint
ALTER TABLE "published_entries" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_fold(coalesce(snapshot->>'title', '') || ' ' || coalesce(snapshot->>'summary', '') || ' ' || coalesce(snapshot->'place'->>'name', '') || ' ' || coalesce(snapshot->'translations'->'ar'->>'title', '') || ' ' || coalesce(snapshot->'translations'->'ar'->>'summary', '') || ' ' || coalesce(snapshot->'translations'->'en'->>'title', '') || ' ' || coalesce(snapshot->'translations'->'en'->>'summary', '')))) STORED;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- hand-written: dropping the generated column dropped its GIN index with it; drizzle-kit does not
-- know, so the public list's word search gets its index back here.
CREATE INDEX "published_entries_search_idx" ON "published_entries" USING gin ("search_vector");
