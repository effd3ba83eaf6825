-- claim_counts: a claim moving between states changes two counter rows. Each transaction used to
-- lock them in the order of its move (old state, then new), so a reject (triage → rejected) and a
-- reopen (rejected → triage) of two claims of one kind at the same moment each held the row the
-- other wanted: PostgreSQL aborted one with "deadlock detected", answered as a 500. The rows are now
-- locked in one order (by state, then kind) before either is changed.
CREATE OR REPLACE FUNCTION claim_counts_track() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM 1 FROM claim_counts
      WHERE (state = OLD.state AND kind = OLD.kind) OR (state = NEW.state AND kind = NEW.kind)
      ORDER BY state, kind
      FOR UPDATE;
  END IF;
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
