-- Near-duplicate lookups read (band, value) and need only evidence_id and the hash: a covering
-- index lets each band's probe be an index-only scan (drizzle's index builder has no INCLUDE).
CREATE INDEX "phash_bands_lookup_idx" ON "phash_bands" USING btree ("band", "value") INCLUDE ("evidence_id", "hash");
