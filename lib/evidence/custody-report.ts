import "server-only";
import type { Db } from "@/db/connect";
import { listAuditEvents } from "@/lib/audit/list-events";
import type { Actor } from "@/lib/auth/permissions";
import { getEvidence } from "./get-evidence";

/**
 * Chain of custody for one item: what it is (hashes, type, size), where it came from, and every
 * event since — addition, each derivation, each sensitivity review and each download — with the
 * audit chain's hashes, so the trail can be checked against the log.
 */
export async function buildCustodyReport(db: Db, actor: Actor | null, evidenceId: string) {
  const item = await getEvidence(db, actor, evidenceId);
  const events = [];
  let cursor: string | undefined;
  do {
    const page = await listAuditEvents(db, actor, { entity: `evidence:${item.id}`, cursor, limit: 100 });
    events.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return {
    generatedAt: new Date().toISOString(),
    evidence: {
      id: item.id,
      claimId: item.claimId,
      sha256: item.sha256,
      size: item.size,
      mediaType: item.mediaType,
      intake: item.intake,
      originalFilename: item.originalFilename,
      sourceUrl: item.sourceUrl,
      addedBy: item.addedBy.name,
      addedAt: item.addedAt,
      capturedAt: item.capturedAt,
      status: item.status,
      captureError: item.captureError,
      withdrawal: item.withdrawal,
      // Every file made from the original, the playable copies included (how each was made is in its `evidence.derived` event).
      derivatives: [
        ...item.derivatives.map((d) => ({ kind: d.kind, position: d.position, sha256: d.sha256, atMs: d.atMs })),
        ...item.workingCopies.map((c) => ({ kind: c.kind, position: 0, sha256: c.sha256, atMs: null })),
      ],
    },
    custody: events.map((e) => ({
      seq: e.seq,
      at: e.occurredAt,
      actor: e.actor?.name ?? "system",
      type: e.type,
      data: e.data,
      prevHash: e.prevHash,
      hash: e.hash,
    })),
  };
}

export type CustodyReport = Awaited<ReturnType<typeof buildCustodyReport>>;
