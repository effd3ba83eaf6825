type ReadmeFacts = {
  origin: string;
  generatedAt: string;
  head: { seq: number; hash: string };
  counts: { entries: number; hashes: number; pages: number; events: number; withheld: number; timeStamps: number; incidents?: number };
  /** Whether the site stamps its chain with an outside time-stamping authority (time-stamps.json is here). */
  stamping?: boolean;
  /** Whether the authority's certificates are here (time-stamps/tsa-certs.pem). */
  anchored?: boolean;
};

/**
 * README.txt of the public dataset: what each file holds and a recipe to check the audit events
 * without trusting us. The recipe is exercised by a test with an independent implementation.
 */
export function exportReadme({ origin, generatedAt, head, counts, stamping = false, anchored = false }: ReadmeFacts): string {
  return `Corroborate — public dataset
============================

Exported from ${origin} at ${generatedAt}.
Audit chain head at export: event #${head.seq}, hash ${head.hash}

Everything here is public: published entries, the SHA-256 of the evidence behind them and of
every published page, the audit events that published, corrected, retracted and sealed them,
and the time-stamps an outside authority gave them. Nothing else is in this file.

To check it all at once, with Node.js 18 or later and nothing to install:
    node verify.mjs corroborate-public-dataset.zip
and to check that pages you saved are the ones we published (any number of them):
    node verify.mjs corroborate-public-dataset.zip saved-page.html other-page.html
(verify.mjs is below; read it first — it is one file that uses only Node's own modules.)

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
  One row per fingerprinted evidence item per version (${counts.hashes} rows): slug, version,
  sha256, kind, size (bytes), commitment. The sha256 is of the preserved original bytes; if you
  hold a copy of a video or document, "sha256sum file" tells you whether it is the one we
  assessed. The bytes themselves are not published. Versions published before evidence
  summaries existed have no rows.

  Commitments. An item that a protected source gave us (a witness, a relative, a local council
  member), or one that shows personal data, has no sha256 and no size here: its row carries a
  commitment instead, HMAC-SHA-256 of the item's bytes under a random 256-bit key kept for that
  item alone. Whoever else holds the file (those who filmed it, a service that seized a phone)
  could otherwise hash their copy, find it here and learn that we hold it, and perhaps who sent
  it; the commitment tells them nothing. It still binds us: no other file has the same
  commitment under the same key. When a court or an investigator needs the link, we disclose the
  key for that one item in a disclosure packet, and anyone can then check it:
      node verify.mjs --packet packet.json --file the-file export.zip
  (or: openssl dgst -sha256 -mac HMAC -macopt hexkey:KEY the-file). Two items with the same bytes
  have different commitments. Some items are counted in a version but not fingerprinted at all
  (its snapshot's evidence.withheld). Until December 2026, entries named every item by its
  sha256; each entry that named an item of a protected source or with personal data that way
  was corrected with a new version naming it by its commitment (change note: "Fingerprints of
  material from protected sources replaced by commitments").

pages.csv
  Every published page, one row per version and language (${counts.pages} rows): slug, version,
  locale, sha256, size (bytes), seal_seq. Each version's page is rendered once, when it is
  published, and served as exactly those bytes ever after (${origin}/entries/{slug}/v/{version},
  and /ar/entries/… in Arabic); seal_seq is the audit event that recorded its SHA-256 (an
  "entry.sealed" event, below). "sha256sum page.html" on a page saved with your browser's "Save
  page as…, HTML only" (or fetched with curl) gives the same hash.

incidents.csv
  Every published incident (${counts.incidents ?? 0}), its newest version: what happened (type),
  where (place, its precision, coordinates), when (start and end dates, their precision), the
  incident it is part of, the victims recorded (a count), those published by name, and the
  number killed its published claims report as one range across sources (reported_at_least:
  the top is a floor, "at least N"; sources_disagree: two sources' numbers cannot both be right).
  The fields are explained at ${origin}/events/codebook.

incident-victims.csv
  One row per named victim of a published incident, to the Every Casualty Counts standard's
  minimum: names (every form, in every script), date and place of death, cause, status
  (civilian, combatant, unknown), age or age band, sex, the sources (a protected source is
  written "(protected source)"), and the incident under it the victim is recorded in. Victims
  whose names may not be published are counted in incidents.csv, never listed.

audit-events.json
  {"head": {"seq", "hash", "events"}, "genesis", "events": [...]}
  "head" is the audit chain's newest event when this file was written: its hash is the one the
  site's footer shows ("Audit chain head"); if the footer shows a later event, events were added
  since. "events" is the number of events in the whole chain (seq runs 1, 2, 3, … without gaps).
  "events" lists only the events that published, corrected or retracted an entry
  (type "claim.transitioned", data.action "publish", "publish_correction" or "retract";
  "correct" in events written before corrections were drafted and published by two editors),
  and the seals that followed each of them in the same transaction (type "entry.sealed": data
  gives the slug, the version, publicationSeq — the event that published it —, snapshotSha256 —
  the SHA-256 of the RFC 8785 canonical JSON of that version's snapshot in entries.json — and
  pages, each page's locale, sha256 and size), oldest first:
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

How to check a page or a snapshot
  sha256sum page.html, and look for the hash in pages.csv and in the pages of the "entry.sealed"
  event its seal_seq names. A version's snapshot: the SHA-256 of its RFC 8785 canonical JSON
  (canonicalize(snapshot) in the Node.js recipe above) is that seal's snapshotSha256.
${timeStampsSection({ origin, counts, stamping, anchored })}
What the checks prove
  A matching hash shows the event's content is what the chain recorded. Keep this file: a later
  export must list the same events with the same hashes, and each hash is fixed by everything
  before it, so a rewritten history shows as a changed hash or a changed head. The links between
  exported events run through unexported ones, so the chain as a whole is verified by us
  (GET /api/v1/audit/verify) and by anyone we give read access to the full log. A seal's hash
  fixes the bytes of each page and the snapshot of its version; its time-stamp, signed by an
  authority that is not us, shows they existed no later than the time it gives: a page changed
  since, or a history written afterwards, cannot carry that authority's signature.
`;
}

/** The time-stamps' part of the README: what the files are, and how to check one with openssl. */
function timeStampsSection({ origin, counts, stamping, anchored }: Pick<ReadmeFacts, "origin" | "counts" | "stamping" | "anchored">): string {
  if (!stamping) {
    return `
Time-stamps
  None: when this was exported the site did not have its chain stamped by an outside
  time-stamping authority (RFC 3161), so the times here are our own clock's.
`;
  }
  return `
time-stamps.json, time-stamps/*.tsr${anchored ? ", time-stamps/tsa-certs.pem" : ""}
  Tokens of an outside time-stamping authority (RFC 3161), ${counts.timeStamps} here, each a
  time-stamp reply (.tsr, DER) that signs a SHA-256 and the authority's time (genTime).
  time-stamps.json describes each: file, subject ("event": a seal event's hash — every page and
  snapshot is stamped through its seal; "chain": the hash of the chain's newest event at that
  moment, here when that event is exported), seq (the event), imprint (the hash stamped), genTime,
  tsa (the authority's address) and serial (the token's serial number). Every stamp the public
  may read is also listed at ${origin}/api/v1/public/time-stamps.${anchored ? `
  time-stamps/tsa-certs.pem holds the authority's certificates that we anchor tokens on. For a
  check that does not trust us, get the authority's certificate from the authority itself and
  give it to the verifier (--tsa-cert file.pem) or to openssl (-CAfile).` : `
  The authority's certificates are not in this file (the site did not configure them): get them
  from the authority and give them to the verifier with --tsa-cert file.pem.`}
  Evidence hashes are stamped too, when they arrive, but those stamps are not published: their
  time would say when we received an item.

How to check a time-stamp with openssl
  openssl ts -verify -digest <imprint> -in time-stamps/event-<seq>.tsr -CAfile <authority's CA.pem>
  where <imprint> is the stamped hash (the event's "hash" in audit-events.json). It prints
  "Verification: OK" only when the token stamps that hash, its signature holds and its
  certificate chains to the CA file (add -untrusted tsa.pem if the token lacks the authority's
  certificate). "openssl ts -reply -in file.tsr -text" shows what a token says.
`;
}
