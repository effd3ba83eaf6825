type ReadmeFacts = {
  origin: string;
  generatedAt: string;
  head: { seq: number; hash: string };
  counts: { entries: number; hashes: number; events: number; withheld: number };
};

/**
 * README.txt of the public dataset: what each file holds and a recipe to check the audit events
 * without trusting us. The recipe is exercised by a test with an independent implementation.
 */
export function exportReadme({ origin, generatedAt, head, counts }: ReadmeFacts): string {
  return `Corroborate — public dataset
============================

Exported from ${origin} at ${generatedAt}.
Audit chain head at export: event #${head.seq}, hash ${head.hash}

Everything here is public: published entries, the SHA-256 of the evidence behind them, and the
audit events that published, corrected or retracted them. Nothing else is in this file.

entries.json
  Every published entry (${counts.entries}), sorted by slug, exactly as
  ${origin}/api/v1/public/entries/{slug} returns it: the newest version's fields, plus
  "history", every version oldest first with its change ("publication", "correction",
  "retraction"), its change note and the full public snapshot of that version.
  Both languages: "language" is the one the entry is written in; "translations" gives its
  title and summary in the other interface languages, by language code, each with "outdated":
  true when the original's title or summary changed after it was translated. A translation is
  published by a correction, like any other change.
  Versions are immutable: a correction adds a version, it never edits one. Each version is
  readable on its own at ${origin}/entries/{slug}/v/{version}.

evidence-manifest.csv
  One row per evidence item per version (${counts.hashes} rows): slug, version, sha256, kind,
  size (bytes). The sha256 is of the preserved original bytes; if you hold a copy of a video or
  document, "sha256sum file" tells you whether it is the one we assessed. The bytes themselves
  are not published. Versions published before evidence summaries existed have no rows.

audit-events.json
  {"head": {"seq", "hash", "events"}, "genesis", "events": [...]}
  "head" is the audit chain's newest event when this file was written: its hash is the one the
  site's footer shows ("Audit chain head"); if the footer shows a later event, events were added
  since. "events" is the number of events in the whole chain (seq runs 1, 2, 3, … without gaps).
  "events" lists only the events that published, corrected or retracted an entry
  (type "claim.transitioned", data.action "publish", "publish_correction" or "retract";
  "correct" in events written before corrections were drafted and published by two editors),
  oldest first:
  ${counts.events} of them. The chain's other events record internal work (reasons,
  rationales, submitters, unpublished persons, correction drafts) and are not exported, so seq
  has gaps. A published correction's data.reason is its public change note; its
  data.changes.translations, when it changed them, gives each translation with "basedOn", the
  lowercase hex SHA-256 of the JSON array [title, summary] of the original it was made from.
  Each exported event carries every field its hash covers:
    seq, occurredAt, actorId, type, entityType, entityId, data, prevHash
  and "hash". actorId is the opaque id (a UUID) of the editor who acted; no name or address is
  published. entityId is the claim's internal id. "entry" (slug and version) is added by the
  export to link the event to entries.json; it is not part of the hash.
  An event with "withheld": true (${counts.withheld} here) failed our check that its content is
  already public; only its seq, type, prevHash and hash are given.

How to check an event's hash
  hash = lowercase hex SHA-256 of the UTF-8 bytes of
         prevHash (64 hex characters, as text) immediately followed by
         the RFC 8785 (JCS) canonical JSON of the object with exactly the eight keys
         seq, occurredAt, actorId, type, entityType, entityId, data, prevHash
         and their values as they appear in the file.
  The first event of the chain has prevHash ${"0".repeat(64)} (the genesis value).

  Node.js (npm install canonicalize):
    const { createHash } = require("node:crypto");
    const canonicalize = require("canonicalize");
    const file = JSON.parse(require("node:fs").readFileSync("audit-events.json", "utf8"));
    for (const e of file.events) {
      if (e.withheld) continue;
      const { seq, occurredAt, actorId, type, entityType, entityId, data, prevHash } = e;
      const body = canonicalize({ seq, occurredAt, actorId, type, entityType, entityId, data, prevHash });
      const ok = createHash("sha256").update(prevHash + body, "utf8").digest("hex") === e.hash;
      console.log(seq, ok ? "ok" : "MISMATCH");
    }

  Python 3 (for this data — integers and strings, no floats — sorted compact JSON is JCS):
    import hashlib, json
    for e in json.load(open("audit-events.json", encoding="utf-8"))["events"]:
        if e.get("withheld"): continue
        keys = ("seq", "occurredAt", "actorId", "type", "entityType", "entityId", "data", "prevHash")
        body = json.dumps({k: e[k] for k in keys}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        print(e["seq"], hashlib.sha256((e["prevHash"] + body).encode("utf-8")).hexdigest() == e["hash"])

What the check proves
  A matching hash shows the event's content is what the chain recorded. Keep this file: a later
  export must list the same events with the same hashes, and each hash is fixed by everything
  before it, so a rewritten history shows as a changed hash or a changed head. The links between
  exported events run through unexported ones, so the chain as a whole is verified by us
  (GET /api/v1/audit/verify) and by anyone we give read access to the full log.
`;
}
