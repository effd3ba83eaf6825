import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { publishedEntries } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { type PublicAuditEvent, publicEventsOfVersions } from "@/lib/publishing/public-audit-events";
import { evidenceKindOf } from "@/lib/publishing/snapshot";
import { parseInput } from "@/lib/validation/parse";
import { type TDiscloseCommitment, ZDiscloseCommitment } from "./schemas";
import { findVisibleEvidence } from "./scope";

export const DISCLOSURE_PACKET_FORMAT = "corroborate-disclosure";

/**
 * What a court or an investigator is given to link a published commitment to a file: the item's
 * SHA-256, its commitment key and value, the public versions that named it by that commitment and
 * the audit events that published and sealed them (in full, so their hashes can be recomputed and
 * found in the published chain), and the disclosure's own event. `npm run verify -- --packet …`
 * checks it against the file and the published entry.
 */
export type DisclosurePacket = {
  format: typeof DISCLOSURE_PACKET_FORMAT;
  formatVersion: 1;
  evidence: { id: string; kind: string; mediaType: string | null; size: number | null; sha256: string };
  commitment: { algorithm: "HMAC-SHA-256"; key: string; value: string };
  entries: { slug: string; version: number; url: string }[];
  events: PublicAuditEvent[];
  disclosure: { seq: number; at: string; reason: string };
};

/**
 * An admin gives out one item's commitment key (issue 23). Each disclosure is an audit event
 * (`evidence.disclosed`, with the reason and the entries, never the key); the key itself leaves
 * only in the packet this returns.
 */
export async function discloseCommitment(db: Db, actor: Actor | null, evidenceId: string, input: TDiscloseCommitment): Promise<DisclosurePacket> {
  const data = parseInput(ZDiscloseCommitment, input);
  const item = await findVisibleEvidence(db, actor, evidenceId);
  assertCan(actor, "evidence.disclose");
  if (!item.blobSha256 || !item.commitment || !item.commitmentKey) throw new AppError("INVALID_STATE", tr("errors.evidence.noCommitment"), { guard: "commitment" });
  const commitment = item.commitment;
  const versions = await db
    .select({ slug: publishedEntries.slug, version: publishedEntries.versionNumber })
    .from(publishedEntries)
    .where(and(eq(publishedEntries.claimId, item.claimId), sql`${publishedEntries.snapshot}->'evidence'->'hashes' @> ${JSON.stringify([{ commitment }])}::jsonb`))
    .orderBy(asc(publishedEntries.versionNumber));
  const events = await publicEventsOfVersions(db, item.claimId, versions.map((v) => v.version));
  const entries = versions.map((v) => ({ slug: v.slug, version: v.version, url: `/entries/${v.slug}/v/${v.version}` }));
  const at = new Date();
  const { seq } = await db.transaction((tx) =>
    appendAuditEvent(tx, actor.id, {
      type: "evidence.disclosed",
      entity: { type: "evidence", id: item.id },
      data: { claimId: item.claimId, commitment, reason: data.reason, entries: versions },
    }),
  );
  return {
    format: DISCLOSURE_PACKET_FORMAT,
    formatVersion: 1,
    evidence: { id: item.id, kind: evidenceKindOf(item.mediaType, item.intake), mediaType: item.mediaType, size: item.size, sha256: item.blobSha256 },
    commitment: { algorithm: "HMAC-SHA-256", key: item.commitmentKey, value: commitment },
    entries,
    events,
    disclosure: { seq, at: at.toISOString(), reason: data.reason },
  };
}
