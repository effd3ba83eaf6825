-- Near-duplicate lookups compare whole 64-bit hashes: keep each as a bigint (one XOR and popcount,
-- no text parsing), and read (band, value) through a covering index so each band's probe is an
-- index-only scan (drizzle's index builder has no INCLUDE). Existing text hashes are converted.
ALTER TABLE "phash_bands" ADD COLUMN "hash" bigint;--> statement-breakpoint
UPDATE "phash_bands" SET "hash" = ('x' || "phash")::bit(64)::bigint;--> statement-breakpoint
ALTER TABLE "phash_bands" ALTER COLUMN "hash" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "phash_bands" DROP COLUMN "phash";--> statement-breakpoint
DROP INDEX "phash_bands_lookup_idx";--> statement-breakpoint
CREATE INDEX "phash_bands_lookup_idx" ON "phash_bands" USING btree ("band", "value") INCLUDE ("evidence_id", "hash");
