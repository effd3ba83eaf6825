import { pgEnum } from "drizzle-orm/pg-core";

export const ROLES = ["submitter", "reviewer", "editor", "admin"] as const;
export const CLAIM_KINDS = ["video", "image", "report", "link", "casualty_count", "person", "statement"] as const;
export const CLAIM_STATES = [
  "triage",
  "corroboration",
  "review",
  "published",
  "rejected",
  "duplicate",
  "retracted",
] as const;
export const GRADES = ["confirmed", "probable", "single_source", "contested", "discounted"] as const;
export const PLACE_PRECISIONS = ["exact", "vicinity", "locality", "region"] as const;
export const ENTRY_CHANGES = ["publication", "correction", "retraction"] as const;
export const SOURCE_KINDS = ["organisation", "outlet", "account", "channel", "person"] as const;
/** The Admiralty scale of source reliability: A completely reliable … E unreliable, F cannot be judged. */
export const RELIABILITIES = ["A", "B", "C", "D", "E", "F"] as const;
export const ASSESSMENT_STANCES = ["supports", "contradicts", "context"] as const;

export const roleEnum = pgEnum("role", ROLES);
export const claimKindEnum = pgEnum("claim_kind", CLAIM_KINDS);
export const claimStateEnum = pgEnum("claim_state", CLAIM_STATES);
export const gradeEnum = pgEnum("grade", GRADES);
export const placePrecisionEnum = pgEnum("place_precision", PLACE_PRECISIONS);
export const entryChangeEnum = pgEnum("entry_change", ENTRY_CHANGES);
export const sourceKindEnum = pgEnum("source_kind", SOURCE_KINDS);
export const reliabilityEnum = pgEnum("reliability", RELIABILITIES);
export const assessmentStanceEnum = pgEnum("assessment_stance", ASSESSMENT_STANCES);

export type Role = (typeof ROLES)[number];
export type ClaimKind = (typeof CLAIM_KINDS)[number];
export type ClaimState = (typeof CLAIM_STATES)[number];
export type Grade = (typeof GRADES)[number];
export type PlacePrecision = (typeof PLACE_PRECISIONS)[number];
export type EntryChange = (typeof ENTRY_CHANGES)[number];
export type SourceKind = (typeof SOURCE_KINDS)[number];
export type Reliability = (typeof RELIABILITIES)[number];
export type AssessmentStance = (typeof ASSESSMENT_STANCES)[number];

export const PERSON_ROLES = ["victim", "missing", "injured", "perpetrator", "witness"] as const;
export const SEXES = ["female", "male"] as const;
/** The script a name is written in; Arabic and Latin forms of one name are one person. */
export const NAME_SCRIPTS = ["arabic", "latin", "mixed", "other"] as const;
export const FIGURE_MEASURES = ["killed", "injured", "displaced", "missing"] as const;

export const personRoleEnum = pgEnum("person_role", PERSON_ROLES);
export const sexEnum = pgEnum("sex", SEXES);
export const nameScriptEnum = pgEnum("name_script", NAME_SCRIPTS);
export const figureMeasureEnum = pgEnum("figure_measure", FIGURE_MEASURES);

export type PersonRole = (typeof PERSON_ROLES)[number];
export type Sex = (typeof SEXES)[number];
export type NameScript = (typeof NAME_SCRIPTS)[number];
export type FigureMeasure = (typeof FIGURE_MEASURES)[number];
