-- Folding for word search, applied alike to stored text and to queries: Arabic hamza seats
-- (أ إ آ ٱ → ا), alef maqsura (ى → ي), ta marbuta (ة → ه), tatweel and diacritics (harakat, tanwin,
-- shadda, sukun, dagger alef) dropped; Latin transliteration marks (ā ī ū ē ō ḥ ṣ ḍ ṭ ẓ ç ñ ğ ş …)
-- to plain letters; ʿayn/hamza marks and apostrophes dropped (Sa'id = Said); lower case.
CREATE OR REPLACE FUNCTION search_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN lower(translate(t,
    U&'\0623\0625\0622\0671\0649\0629\0101\00E1\00E0\00E2\00E4\00E3\00E5\0100\00C1\00C0\00C2\00C4\00C3\00C5\012B\00ED\00EC\00EE\00EF\0131\012A\00CD\00CC\00CE\00CF\0130\016B\00FA\00F9\00FB\00FC\016A\00DA\00D9\00DB\00DC\0113\00E9\00E8\00EA\00EB\0112\00C9\00C8\00CA\00CB\014D\00F3\00F2\00F4\00F6\00F5\014C\00D3\00D2\00D4\00D6\00D5\1E25\1E24\1E63\1E62\1E0D\1E0C\1E6D\1E6C\1E93\1E92\00E7\00C7\00F1\00D1\011F\011E\015F\015E\0640\064B\064C\064D\064E\064F\0650\0651\0652\0670\02BF\02BE\02BC\2019\0027',
    U&'\0627\0627\0627\0627\064A\0647aaaaaaaaaaaaaaiiiiiiiiiiiiuuuuuuuuuueeeeeeeeeeoooooooooooohhssddttzzccnnggss'));
--> statement-breakpoint
CREATE TABLE "claim_counts" (
	"state" "claim_state" NOT NULL,
	"kind" "claim_kind" NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "claim_counts_state_kind_pk" PRIMARY KEY("state","kind")
);
--> statement-breakpoint
DROP INDEX "claims_submitter_idx";--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_fold(title || ' ' || summary || ' ' || coalesce(place_name, '')))) STORED;--> statement-breakpoint
ALTER TABLE "published_entries" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_fold(coalesce(snapshot->>'title', '') || ' ' || coalesce(snapshot->>'summary', '') || ' ' || coalesce(snapshot->'place'->>'name', '')))) STORED;--> statement-breakpoint
CREATE INDEX "claims_assignee_idx" ON "claims" USING btree ("assignee_id","created_at","id");--> statement-breakpoint
CREATE INDEX "claims_search_idx" ON "claims" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "published_entries_search_idx" ON "published_entries" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "audit_events_public_idx" ON "audit_events" USING btree ("seq") WHERE type = 'claim.transitioned' and entity_type = 'claim' and (data->>'action') in ('publish', 'correct', 'retract');--> statement-breakpoint
CREATE INDEX "claims_submitter_idx" ON "claims" USING btree ("submitted_by_id","created_at","id");--> statement-breakpoint
-- claim_counts: how many claims per state and kind, kept by this trigger in the claim's own
-- transaction (the audit append lock already serialises writers, so the counter rows add no contention).
CREATE OR REPLACE FUNCTION claim_counts_track() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE claim_counts SET n = n - 1 WHERE state = OLD.state AND kind = OLD.kind;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO claim_counts (state, kind, n) VALUES (NEW.state, NEW.kind, 1)
      ON CONFLICT (state, kind) DO UPDATE SET n = claim_counts.n + 1;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER claims_count_insert_delete
  AFTER INSERT OR DELETE ON claims
  FOR EACH ROW EXECUTE FUNCTION claim_counts_track();
--> statement-breakpoint
CREATE TRIGGER claims_count_update
  AFTER UPDATE OF state, kind ON claims
  FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.kind IS DISTINCT FROM NEW.kind)
  EXECUTE FUNCTION claim_counts_track();
--> statement-breakpoint
INSERT INTO claim_counts (state, kind, n) SELECT state, kind, count(*) FROM claims GROUP BY state, kind;
