import type { Claim } from "@/db/schema";
import type { ClaimKind, FigureMeasure, Grade, PersonRole, PlacePrecision, Reliability, Sex, SourceKind } from "@/db/schema/enums";
import type { OriginStance } from "@/lib/origins/compute-origins";

/** What kind of material an item is, in words a reader understands; never its file name. */
export type PublicEvidenceKind = "image" | "video" | "audio" | "document" | "web page" | "text" | "other";

/** The evidence behind an entry, summarised: counts by kind and each item's SHA-256. */
export type PublicEvidenceSummary = {
  items: number;
  byKind: { kind: PublicEvidenceKind; count: number }[];
  hashes: { sha256: string; kind: PublicEvidenceKind; size: number | null }[];
};

/** Independent origins; a protected source is counted, never named. */
export type PublicOrigins = {
  count: number;
  supporting: number;
  contradicting: number;
  origins: {
    stance: OriginStance;
    firstHand: boolean;
    items: number;
    sources: { name: string; kind: SourceKind; reliability: Reliability }[];
    withheldSources: number;
  }[];
};

/** A person an editor published with the entry (victims by default); never a private one. */
export type PublicPerson = {
  role: PersonRole;
  names: string[];
  sex: Sex | null;
  age: number | null;
  incidentDate: string | null;
  placeName: string | null;
};

/** A reported figure with its range and source (null when the source is protected). */
export type PublicFigure = {
  measure: FigureMeasure;
  valueMin: number;
  valueMax: number;
  scope: { place: string; periodFrom: string | null; periodTo: string | null };
  asOf: string;
  source: { name: string } | null;
};

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
  // Added with issue 6; versions published before it lack them, so readers treat them as optional.
  evidence?: PublicEvidenceSummary;
  origins?: PublicOrigins;
  persons?: PublicPerson[];
  figures?: PublicFigure[];
  /** Public web addresses where the claim appeared (captured pages of non-protected sources). */
  appearances?: string[];
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
