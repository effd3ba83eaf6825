import type { Claim } from "@/db/schema";
import type { ClaimKind, Disclosure, FigureMeasure, Grade, PersonRole, PlacePrecision, Reliability, Sex, SourceKind } from "@/lib/vocabulary";
import type { OriginStance } from "@/lib/origins/compute-origins";
import { type DisclosureBasis, disclosureOf } from "./disclosure";
import { type PublicTranslation, publicTranslations } from "./translations";

/** What kind of material an item is, in words a reader understands; never its file name. */
export type PublicEvidenceKind = "image" | "video" | "audio" | "document" | "web page" | "text" | "other";

/** The catalogue's key of each evidence kind a snapshot names ("web page" is `webPage`). */
export const EVIDENCE_KIND_KEY = {
  image: "image",
  video: "video",
  audio: "audio",
  document: "document",
  "web page": "webPage",
  text: "text",
  other: "other",
} as const satisfies Record<PublicEvidenceKind, string>;

/**
 * One item's public fingerprint: its SHA-256 and size, or — for an item a protected source gave
 * us, or one showing personal data — its commitment alone (issue 23; ./disclosure.ts). A
 * commitment carries no size: a file's exact length would point at it as surely as its hash.
 */
export type PublicEvidenceFingerprint =
  | { sha256: string; kind: PublicEvidenceKind; size: number | null }
  | { commitment: string; kind: PublicEvidenceKind };

/**
 * The evidence behind an entry, summarised: counts by kind and each item's fingerprint, and how
 * many items are counted but not fingerprinted at all (`withheld`, absent when none).
 */
export type PublicEvidenceSummary = {
  items: number;
  byKind: { kind: PublicEvidenceKind; count: number }[];
  hashes: PublicEvidenceFingerprint[];
  withheld?: number;
};

/** An item's SHA-256, when its public fingerprint is one (versions before issue 23 have only these). */
export const fingerprintHash = (f: PublicEvidenceFingerprint): string | null => ("sha256" in f ? f.sha256 : null);

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

/** A person whose name an editor or reviewer marked publishable, with a basis; never a private one. */
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
  /** The source gave a floor ("at least valueMin"); absent otherwise, so versions before it hash as they did. */
  atLeast?: true;
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
  /**
   * The title and summary in other interface languages, by language (issue 18), each saying
   * whether the original changed since it was translated. Absent when there are none, and from
   * versions published before translations existed.
   */
  translations?: Record<string, PublicTranslation>;
};

/** What `gatherPublicSnapshot` read for the allowlist to choose from. */
export type SnapshotInputs = {
  items: {
    id: string;
    sha256: string | null;
    commitment: string | null;
    /** An editor's choice of how the public names it (null: the rule decides). */
    disclosure: Disclosure | null;
    mediaType: string | null;
    size: number | null;
    intake: "upload" | "resumable" | "capture" | "frame";
    sourceUrl: string | null;
    publishedBySourceId: string | null;
    obtainedViaSourceId: string | null;
    hasPersonalData: boolean;
    /** Another item of the same bytes, in any claim, is protected, personal or committed to (./read-disclosures.ts). */
    sameBytesSensitive: boolean;
  }[];
  origins: { origins: { sourceIds: string[]; evidenceIds: string[]; stance: OriginStance; firstHand: boolean }[]; supporting: number; contradicting: number };
  sources: { id: string; name: string; kind: SourceKind; reliability: Reliability; isProtected: boolean }[];
  persons: { role: PersonRole; person: { names: { name: string }[]; sex: Sex | null; age: number | null; incidentDate: string | null; placeName: string | null } }[];
  figures: {
    measure: FigureMeasure;
    valueMin: number;
    valueMax: number;
    atLeast?: boolean;
    scopePlace: string;
    scopePeriodFrom: string | null;
    scopePeriodTo: string | null;
    asOf: string;
    sourceId: string;
  }[];
};

export function evidenceKindOf(mediaType: string | null, intake: string): PublicEvidenceKind {
  if (intake === "capture") return "web page";
  const type = (mediaType ?? "").toLowerCase();
  if (type.startsWith("image/")) return "image";
  if (type.startsWith("video/")) return "video";
  if (type.startsWith("audio/")) return "audio";
  if (type === "text/plain") return "text";
  if (type === "application/pdf" || type.includes("document") || type.includes("msword")) return "document";
  return "other";
}

/** How the public would name each item with bytes, and why: what the publish preview shows. */
export type ItemFingerprintPlan = { id: string; kind: PublicEvidenceKind; disclosure: Disclosure; basis: DisclosureBasis };

/** The items with bytes, in the entry's order, each with how the public names it (./disclosure.ts). */
export function fingerprintPlan(inputs: SnapshotInputs): ItemFingerprintPlan[] {
  const isProtected = protectedSourceTest(inputs);
  return inputs.items
    .filter((i) => i.sha256)
    .map((i) => ({
      id: i.id,
      kind: evidenceKindOf(i.mediaType, i.intake),
      ...disclosureOf({
        chosen: i.disclosure,
        fromProtectedSource: isProtected(i.publishedBySourceId) || isProtected(i.obtainedViaSourceId),
        hasPersonalData: i.hasPersonalData,
        sameBytesSensitive: i.sameBytesSensitive,
        commitment: i.commitment,
      }),
    }));
}

/** Whether a source is protected; one the inputs do not know is taken for protected. */
function protectedSourceTest(inputs: SnapshotInputs) {
  const sourceById = new Map(inputs.sources.map((s) => [s.id, s]));
  return (id: string | null) => !!id && (sourceById.get(id)?.isProtected ?? true);
}

const EMPTY_INPUTS: SnapshotInputs = { items: [], origins: { origins: [], supporting: 0, contradicting: 0 }, sources: [], persons: [], figures: [] };

/**
 * The allowlist, field by field. Submitters, reviewers, rationales, where the submitter first saw
 * the claim, file names, metadata (EXIF GPS included), internal notes, protected sources' names
 * and private persons are never read into it, so they cannot leave.
 */
export function buildPublicSnapshot(claim: Claim, inputs: SnapshotInputs = EMPTY_INPUTS): PublicSnapshot {
  const sourceById = new Map(inputs.sources.map((s) => [s.id, s]));
  const isProtected = protectedSourceTest(inputs);
  const stored = inputs.items.filter((i) => i.sha256);
  const plan = fingerprintPlan(inputs);
  const kinds = plan.map((p) => p.kind);
  const withheld = plan.filter((p) => p.disclosure === "withheld").length;
  const byKind = [...new Set(kinds)].map((kind) => ({ kind, count: kinds.filter((k) => k === kind).length }));
  const translations = publicTranslations(claim);
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
    evidence: {
      items: stored.length,
      byKind,
      hashes: stored.flatMap((i, k): PublicEvidenceFingerprint[] => {
        switch (plan[k].disclosure) {
          case "hash":
            return [{ sha256: i.sha256!, kind: kinds[k], size: i.size }];
          case "commitment":
            return [{ commitment: i.commitment!, kind: kinds[k] }];
          case "withheld":
            return [];
        }
      }),
      // Only when there are some: a snapshot without withheld items stays the one built before them.
      ...(withheld ? { withheld } : {}),
    },
    origins: {
      count: inputs.origins.origins.length,
      supporting: inputs.origins.supporting,
      contradicting: inputs.origins.contradicting,
      origins: inputs.origins.origins.map((o) => {
        const named = o.sourceIds.map((id) => sourceById.get(id)).filter((s) => s && !s.isProtected);
        return {
          stance: o.stance,
          firstHand: o.firstHand,
          items: o.evidenceIds.length,
          sources: named.map((s) => ({ name: s!.name, kind: s!.kind, reliability: s!.reliability })),
          withheldSources: o.sourceIds.length - named.length,
        };
      }),
    },
    persons: inputs.persons.map(({ role, person }) => ({
      role,
      names: person.names.map((n) => n.name),
      sex: person.sex,
      age: person.age,
      incidentDate: person.incidentDate,
      placeName: person.placeName,
    })),
    figures: inputs.figures.map((f) => ({
      measure: f.measure,
      valueMin: f.valueMin,
      valueMax: f.valueMax,
      ...(f.atLeast ? { atLeast: true as const } : {}),
      scope: { place: f.scopePlace, periodFrom: f.scopePeriodFrom, periodTo: f.scopePeriodTo },
      asOf: f.asOf,
      source: isProtected(f.sourceId) ? null : { name: sourceById.get(f.sourceId)!.name },
    })),
    appearances: [
      ...new Set(
        inputs.items
          // Denied unless shown safe: a known, unprotected publisher, no protected relay, and no
          // personal data on the page (a relative's profile is not an appearance to link to).
          .filter((i) => i.intake === "capture" && i.sourceUrl && !i.hasPersonalData && i.publishedBySourceId && !isProtected(i.publishedBySourceId) && !isProtected(i.obtainedViaSourceId))
          .map((i) => i.sourceUrl!),
      ),
    ],
    // Only when there are some: a snapshot without translations stays the one built before they
    // existed (a correction drafted before pins its digest).
    ...(translations ? { translations } : {}),
  };
}

/** A title's first eight Latin words, lower case, joined by hyphens ("" for a title with none). */
export function latinSlugWords(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .split("-")
    .filter(Boolean)
    .slice(0, 8)
    .join("-");
}

/** A readable, stable address: the title's Latin words (if any) and the claim id's first block. */
export function slugFor(claim: Pick<Claim, "id" | "title">): string {
  const words = latinSlugWords(claim.title);
  const suffix = claim.id.slice(0, 8);
  return words ? `${words}-${suffix}` : `entry-${suffix}`;
}
