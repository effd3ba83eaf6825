import type { Claim } from "@/db/schema";
import type { ClaimKind, Grade, PlacePrecision } from "@/db/schema/enums";

/**
 * What the public may read of a claim, field by field. A snapshot is built only from this
 * allowlist, never by serialising a row: submitters, reviewers, rationales, where the submitter
 * first saw it and every other workspace field stay private.
 */
export type PublicSnapshot = {
  kind: ClaimKind;
  title: string;
  summary: string;
  language: string;
  incidentDate: { from: string | null; to: string | null };
  place: { name: string | null; latitude: number | null; longitude: number | null; precision: PlacePrecision | null };
  grade: Grade | null;
};

export function buildPublicSnapshot(claim: Claim): PublicSnapshot {
  return {
    kind: claim.kind,
    title: claim.title,
    summary: claim.summary,
    language: claim.language,
    incidentDate: { from: claim.incidentDateFrom, to: claim.incidentDateTo },
    place: {
      name: claim.placeName,
      latitude: claim.latitude,
      longitude: claim.longitude,
      precision: claim.placePrecision,
    },
    grade: claim.grade,
  };
}

/** A readable, stable address: the title's Latin words (if any) and the claim id's first block. */
export function slugFor(claim: Pick<Claim, "id" | "title">): string {
  const words = claim.title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .split("-")
    .filter(Boolean)
    .slice(0, 8)
    .join("-");
  const suffix = claim.id.slice(0, 8);
  return words ? `${words}-${suffix}` : `entry-${suffix}`;
}
