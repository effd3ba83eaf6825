import { createHash } from "node:crypto";
import type { Claim } from "@/db/schema";
import { canonicalJson } from "@/lib/audit/chain";
import { diffFields } from "@/lib/audit/events";
import { EDITABLE_CLAIM_FIELDS, ZSubmitClaim } from "@/lib/claims/schemas";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { normalTranslations, ownLanguage, translationsAfter } from "@/lib/publishing/translations";
import { parseInput } from "@/lib/validation/parse";
import { CORRECTABLE_FIELDS, type TCorrectionChanges } from "./schemas";

/**
 * A correction under four eyes (issue 17): one editor drafts it on the published claim, another
 * publishes it. The draft is kept on the claim (`pendingCorrection`), the public entry unchanged
 * until the publication writes the new version.
 */
export type PendingCorrection = {
  reason: string;
  changes: Partial<Record<(typeof CORRECTABLE_FIELDS)[number], unknown>>;
  /**
   * The SHA-256 of the public snapshot the draft would publish, as it stood when drafted (its
   * persons, figures and evidence too). Publication refuses a snapshot that has changed since:
   * the second editor publishes what the first drafted, never material added after it.
   */
  snapshotSha256?: string;
};

/** The fingerprint a draft pins: the SHA-256 of the snapshot's canonical JSON. */
export function snapshotDigest(snapshot: unknown): string {
  return createHash("sha256").update(canonicalJson(snapshot) ?? "").digest("hex");
}

/** The claim's values of the fields a correction may change (its translations in one order, so they compare as JSON). */
function correctableValues(claim: Claim): Record<string, unknown> {
  return Object.fromEntries(CORRECTABLE_FIELDS.map((field) => [field, field === "translations" ? normalTranslations(claim.translations) : (claim[field] ?? null)]));
}

/**
 * What a draft changes, field by field (before → after): only the fields whose value it really
 * changes. The claim as it would become is checked whole, as a submission is (400 naming the
 * field: both coordinates or neither, a start date before the end). Translations are the whole
 * set as the draft leaves it, each given one stamped with the original it translates as the same
 * draft leaves it; none may be into the entry's own language (400 naming it).
 */
export function draftedChanges(claim: Claim, changes: TCorrectionChanges): Record<string, { before: unknown; after: unknown }> {
  const { translations, ...fields } = changes;
  const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  const before = correctableValues(claim);
  const after = { ...before, ...given };
  if (translations) after.translations = translationsAfter(claim.translations, translations, after as { title: string; summary: string });
  const diff = diffFields(before, after);
  const claimFields = Object.fromEntries(EDITABLE_CLAIM_FIELDS.map((field) => [field, field in diff ? diff[field].after : claim[field]]));
  parseInput(ZSubmitClaim, Object.fromEntries(Object.entries(claimFields).filter(([, value]) => value !== null && value !== undefined)));
  const own = ownLanguage(String(after.language));
  if (own in (after.translations as object)) {
    throw new AppError("BAD_REQUEST", tr("errors.fieldErrors"), { fieldErrors: { [`changes.translations.${own}`]: [tr("translations.ownLanguage")] } });
  }
  return diff;
}

/** The values a stored draft writes to the claim's columns. */
export function correctionPatch(pending: PendingCorrection): Partial<Claim> {
  return Object.fromEntries(
    CORRECTABLE_FIELDS.filter((field) => field in pending.changes).map((field) => [field, field === "translations" ? normalTranslations(pending.changes[field]) : (pending.changes[field] ?? null)]),
  ) as Partial<Claim>;
}

/** The claim as it will be once its pending correction is published (itself when there is none). */
export function withPendingCorrection(claim: Claim): Claim {
  return claim.pendingCorrection ? { ...claim, ...correctionPatch(claim.pendingCorrection as PendingCorrection) } : claim;
}

/** The columns that clear a draft, once published or discarded. */
export const NO_PENDING_CORRECTION = { pendingCorrection: null, correctionDraftedById: null, correctionDraftedAt: null } satisfies Partial<Claim>;

/** The draft's before → after, for the discard's audit event and the claim page. */
export function pendingChanges(claim: Claim): Record<string, { before: unknown; after: unknown }> {
  const pending = claim.pendingCorrection as PendingCorrection | null;
  if (!pending) return {};
  return diffFields(correctableValues(claim), { ...correctableValues(claim), ...correctionPatch(pending) });
}
