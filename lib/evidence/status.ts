/**
 * Where an evidence item stands, one word everywhere (claim page, evidence page, API):
 * - `capturing`: a page capture is queued or running; no bytes yet;
 * - `failed`: the capture failed for good; no bytes, and `captureError` says why;
 * - `withdrawn`: taken out of the claim by a person, with a reason; its bytes (if any) and its
 *   custody trail stay;
 * - `held`: the bytes are stored.
 * Only a held item counts for its claim: origins, the grade suggestion, the publication guards and
 * the public entry (`countsForClaim` in SQL, ./counted.ts).
 */
export const EVIDENCE_STATUSES = ["capturing", "failed", "withdrawn", "held"] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

export function evidenceStatus(item: { sha256: string | null; captureError: string | null; withdrawnAt: Date | string | null }): EvidenceStatus {
  if (item.withdrawnAt) return "withdrawn";
  if (item.sha256) return "held";
  return item.captureError ? "failed" : "capturing";
}
