import "server-only";
import { alias } from "drizzle-orm/pg-core";
import { claims, users } from "@/db/schema";
import type { ClaimKind, ClaimState, Grade, PlacePrecision } from "@/lib/vocabulary";

const submitter = alias(users, "submitter");
const assignee = alias(users, "assignee");
const sentToReviewBy = alias(users, "sent_to_review_by");

/** The columns a workspace claim is read with: no other user fields than id and name. */
export const claimColumns = {
  id: claims.id,
  kind: claims.kind,
  title: claims.title,
  summary: claims.summary,
  language: claims.language,
  incidentDateFrom: claims.incidentDateFrom,
  incidentDateTo: claims.incidentDateTo,
  placeName: claims.placeName,
  latitude: claims.latitude,
  longitude: claims.longitude,
  placePrecision: claims.placePrecision,
  firstSeenSourceName: claims.firstSeenSourceName,
  firstSeenUrl: claims.firstSeenUrl,
  state: claims.state,
  grade: claims.grade,
  gradeRationale: claims.gradeRationale,
  stateReason: claims.stateReason,
  duplicateOfId: claims.duplicateOfId,
  version: claims.version,
  stateChangedAt: claims.stateChangedAt,
  createdAt: claims.createdAt,
  updatedAt: claims.updatedAt,
  submitterId: claims.submittedById,
  submitterName: submitter.name,
  assigneeId: claims.assigneeId,
  assigneeName: assignee.name,
  sentToReviewById: claims.sentToReviewById,
  editedInReviewById: claims.editedInReviewById,
  sentToReviewByName: sentToReviewBy.name,
};

export const claimJoins = { submitter, assignee, sentToReviewBy };

type ClaimRow = {
  id: string;
  kind: ClaimKind;
  title: string;
  summary: string;
  language: string;
  incidentDateFrom: string | null;
  incidentDateTo: string | null;
  placeName: string | null;
  latitude: number | null;
  longitude: number | null;
  placePrecision: PlacePrecision | null;
  firstSeenSourceName: string | null;
  firstSeenUrl: string | null;
  state: ClaimState;
  grade: Grade | null;
  gradeRationale: string | null;
  stateReason: string | null;
  duplicateOfId: string | null;
  version: number;
  stateChangedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  submitterId: string;
  submitterName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  sentToReviewById: string | null;
  editedInReviewById: string | null;
  sentToReviewByName: string | null;
};

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? "" } : null);

export function toClaimDto(row: ClaimRow) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    summary: row.summary,
    language: row.language,
    incidentDate: { from: row.incidentDateFrom, to: row.incidentDateTo },
    place: {
      name: row.placeName,
      latitude: row.latitude,
      longitude: row.longitude,
      precision: row.placePrecision,
    },
    firstSeen: { sourceName: row.firstSeenSourceName, url: row.firstSeenUrl },
    state: row.state,
    grade: row.grade,
    gradeRationale: row.gradeRationale,
    stateReason: row.stateReason,
    duplicateOfId: row.duplicateOfId,
    submitter: person(row.submitterId, row.submitterName)!,
    assignee: person(row.assigneeId, row.assigneeName),
    sentToReviewBy: person(row.sentToReviewById, row.sentToReviewByName),
    /** Who edited the text in review, if anyone since it was sent: another editor must publish it. */
    editedInReviewById: row.editedInReviewById,
    version: row.version,
    /** When the claim entered its state: the queue shows how long it has waited there. */
    stateChangedAt: row.stateChangedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type ClaimDto = ReturnType<typeof toClaimDto>;
