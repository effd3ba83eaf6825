import { z } from "zod";
import { ACCOUNT_METHODS, CLAIM_CHANGE_VIAS, type AuditEventType, CLAIM_STATES, DISCLOSURES, FIGURE_MEASURES, GRADES, NAME_APPROVAL_LAPSES, NAME_PUBLICATION_BASES, PERSON_ROLES, ROLES, SECOND_FACTORS, SESSION_END_REASONS } from "@/lib/vocabulary";

/** A changed field: what it was and what it became. */
const ZChange = z.object({ before: z.unknown(), after: z.unknown() });
const ZChanges = z.record(z.string(), ZChange);

/**
 * Every kind of audit event, typed. Built by `auditEvent` in the same transaction as the change
 * it records, parsed on read.
 */
export const ZAuditEventBody = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("user.created"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ email: z.string(), name: z.string(), role: z.enum(ROLES) }),
  }),
  z.object({
    // A role change, (de)activation or a new name; `sessionVersion` says the user's sessions were ended.
    type: z.literal("user.updated"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ sessionVersion: z.number().optional(), changes: ZChanges }),
  }),
  z.object({
    // An admin invited this address with this role: the person exists, not yet joined. A new
    // invitation to a pending person (`reissued`) supersedes the old link.
    type: z.literal("user.invited"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ email: z.string(), role: z.enum(ROLES), linkId: z.string(), expiresAt: z.string(), reissued: z.boolean().optional() }),
  }),
  z.object({
    // The invited person joined: with a password set from the link, or through the identity provider.
    type: z.literal("user.joined"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ method: z.enum(ACCOUNT_METHODS), linkId: z.string().optional() }),
  }),
  z.object({
    // A person's password: changed by them (the current one given) or reset from a link. `sessionsEnded` counts the others ended.
    type: z.literal("user.password_changed"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ how: z.enum(["changed", "reset"]), linkId: z.string().optional(), sessionsEnded: z.number() }),
  }),
  z.object({
    // A reset link was sent (asked for by the person, on the sign-in page). No address is recorded for an unknown e-mail.
    type: z.literal("user.password_reset_requested"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ linkId: z.string(), expiresAt: z.string() }),
  }),
  z.object({
    // A second factor kept: a TOTP app, a passkey (its credential id and name), or a new set of recovery codes.
    type: z.literal("user.factor_added"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ factor: z.enum(SECOND_FACTORS), credentialId: z.string().optional(), name: z.string().optional(), count: z.number().optional() }),
  }),
  z.object({
    // A second factor removed by its person, or every one of them by an admin (`factor` "all": a lost phone).
    type: z.literal("user.factor_removed"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ factor: z.enum([...SECOND_FACTORS, "all"]), credentialId: z.string().optional(), name: z.string().optional(), by: z.enum(["self", "admin"]) }),
  }),
  z.object({
    // Which roles must enrol a second factor: each changed role's before and after.
    type: z.literal("settings.two_factor_policy_changed"),
    entity: z.object({ type: z.literal("settings"), id: z.literal("two_factor_policy") }),
    data: z.object({ changes: ZChanges }),
  }),
  z.object({
    type: z.literal("token.created"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ tokenId: z.string(), label: z.string(), readOnly: z.boolean().optional(), expiresAt: z.string().nullable().optional() }),
  }),
  z.object({
    // A token revoked by its person or an admin (or every one of a deactivated person's: `reason`).
    type: z.literal("token.revoked"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ tokenId: z.string(), label: z.string(), reason: z.enum(["revoked", "deactivated", "password_reset"]).optional() }),
  }),
  z.object({
    type: z.literal("user.preferences_changed"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ changes: ZChanges }),
  }),
  z.object({
    // The session the sign-in started (events from before sessions had rows name none); `awaitingSecondFactor`
    // when it opens nothing until the second factor is given.
    type: z.literal("auth.sign_in_succeeded"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ method: z.enum(ACCOUNT_METHODS), sessionId: z.string().optional(), awaitingSecondFactor: z.boolean().optional() }),
  }),
  z.object({
    // The second factor given for a session: which kind (a recovery code says how many are left).
    type: z.literal("auth.second_factor_passed"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ factor: z.enum(SECOND_FACTORS), sessionId: z.string(), credentialId: z.string().optional(), recoveryCodesLeft: z.number().optional() }),
  }),
  z.object({
    // A wrong, reused or stale code, a passkey that did not verify, or too many tries.
    type: z.literal("auth.second_factor_failed"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ factor: z.enum(SECOND_FACTORS), reason: z.enum(["wrong_code", "reused_code", "not_verified", "rate_limited"]) }),
  }),
  z.object({
    type: z.literal("session.ended"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ sessionId: z.string(), reason: z.enum(SESSION_END_REASONS) }),
  }),
  z.object({
    type: z.literal("auth.sign_in_failed"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ reason: z.enum(["unknown_account", "wrong_password", "inactive", "rate_limited", "no_password", "not_joined", "identity_mismatch"]) }),
  }),
  z.object({
    type: z.literal("claim.submitted"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({ changes: ZChanges }),
  }),
  z.object({
    // The claim's own text put right before publication: each changed field's before and after.
    type: z.literal("claim.edited"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({ version: z.number(), changes: ZChanges }),
  }),
  z.object({
    // A correction drafted on a published claim (not yet public): its reason, each field's before
    // and after, and the draft it replaced, if any (`replacedDraftOf`: who had drafted that one).
    type: z.literal("claim.correction_drafted"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({ version: z.number(), reason: z.string(), changes: ZChanges, replacedDraftOf: z.string().optional() }),
  }),
  z.object({
    // A drafted correction dropped unpublished: by an editor (with an optional reason), or by a retraction.
    type: z.literal("claim.correction_discarded"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({ version: z.number(), draftedBy: z.string(), reason: z.string().optional(), changes: ZChanges }),
  }),
  z.object({
    type: z.literal("claim.graded"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({ version: z.number(), changes: ZChanges }),
  }),
  z.object({
    // `takenOverFrom`: the claim was someone else's, replaced or released by the actor (takeOver).
    type: z.literal("claim.assigned"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({ version: z.number(), changes: ZChanges, takenOverFrom: z.object({ id: z.string(), name: z.string() }).optional(), via: z.enum(CLAIM_CHANGE_VIAS).optional() }),
  }),
  z.object({
    type: z.literal("evidence.added"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({
      claimId: z.string(),
      intake: z.enum(["upload", "resumable", "capture", "frame"]),
      sha256: z.string().nullable(),
      size: z.number().nullable(),
      mediaType: z.string().nullable(),
      originalFilename: z.string().nullable(),
      sourceUrl: z.string().nullable(),
      publishedBySourceId: z.string().nullable().optional(),
      obtainedViaSourceId: z.string().nullable().optional(),
      isFirstHand: z.boolean().optional(),
      // A frame grab: the video it was taken from, that video's bytes, and the moment.
      derivedFrom: z.object({ evidenceId: z.string(), sha256: z.string(), atMs: z.number() }).optional(),
    }),
  }),
  z.object({
    type: z.literal("evidence.derived"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({ derivation: z.string(), outcome: z.enum(["done", "failed", "skipped"]), detail: z.unknown().optional() }),
  }),
  z.object({
    type: z.literal("evidence.captured"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({ sha256: z.string(), size: z.number(), mediaType: z.string(), status: z.number(), finalUrl: z.string() }),
  }),
  z.object({
    type: z.literal("evidence.capture_failed"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    // `reason` is what the item shows; `error` the raw message, for the custody trail only.
    data: z.object({ reason: z.string(), attempts: z.number(), error: z.string() }),
  }),
  z.object({
    type: z.literal("evidence.capture_retried"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({ version: z.number(), previousReason: z.string().nullable() }),
  }),
  z.object({
    type: z.literal("evidence.withdrawn"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({ version: z.number(), claimId: z.string(), reason: z.string(), status: z.enum(["capturing", "failed", "held"]) }),
  }),
  z.object({
    type: z.literal("evidence.downloaded"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({ sha256: z.string(), via: z.enum(["web", "api"]) }),
  }),
  z.object({
    // Ranged reads (a player seeking, a resumed download) of the original or a working copy: one
    // event per person, item and copy per window (lib/evidence/read-content.ts), not one per range.
    type: z.literal("evidence.viewed"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({ sha256: z.string(), copy: z.enum(["original", "web", "low"]), via: z.enum(["web", "api"]) }),
  }),
  z.object({
    // A still saved from this video at `atMs`, as the new item `frameEvidenceId` (whose own `evidence.added` says where it came from).
    type: z.literal("evidence.frame_grabbed"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({ frameEvidenceId: z.string(), atMs: z.number(), sha256: z.string(), command: z.string() }),
  }),
  z.object({
    // A time-coded note on a video or audio item: a moment (`endMs` null) or a span. Internal.
    type: z.literal("evidence.note_added"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({ noteId: z.string(), claimId: z.string(), startMs: z.number(), endMs: z.number().nullable(), body: z.string() }),
  }),
  z.object({
    // A note's text or times changed by its author: the earlier values stay here.
    type: z.literal("evidence.note_edited"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({ noteId: z.string(), claimId: z.string(), version: z.number(), changes: ZChanges }),
  }),
  z.object({
    // A note deleted by its author or an editor; its text stays here.
    type: z.literal("evidence.note_deleted"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({ noteId: z.string(), claimId: z.string(), body: z.string() }),
  }),
  z.object({
    type: z.literal("evidence.sensitivity_marked"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({ version: z.number(), changes: ZChanges }),
  }),
  z.object({
    type: z.enum(["source.created", "source.updated"]),
    entity: z.object({ type: z.literal("source"), id: z.string() }),
    data: z.object({ version: z.number(), changes: ZChanges }),
  }),
  z.object({
    type: z.literal("source.citation_added"),
    entity: z.object({ type: z.literal("source"), id: z.string() }),
    data: z.object({ citesSourceId: z.string() }),
  }),
  z.object({
    type: z.literal("evidence.sources_set"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({ version: z.number(), changes: ZChanges }),
  }),
  z.object({
    // An editor chose how the public names this item (issue 23): by its SHA-256, its commitment,
    // or not at all; `to: null` gives the choice back to the rule. Internal.
    type: z.literal("evidence.disclosure_set"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({ claimId: z.string(), version: z.number(), from: z.enum(DISCLOSURES).nullable(), to: z.enum(DISCLOSURES).nullable(), reason: z.string() }),
  }),
  z.object({
    // An admin gave out the item's commitment key in a disclosure packet, and why. The key is
    // never written here: the packet alone carries it. Internal.
    type: z.literal("evidence.disclosed"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({ claimId: z.string(), commitment: z.string(), reason: z.string(), entries: z.array(z.object({ slug: z.string(), version: z.number() })) }),
  }),
  z.object({
    type: z.literal("claim.assessed"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({ evidenceId: z.string(), changes: ZChanges }),
  }),
  z.object({
    type: z.enum(["person.created", "person.updated"]),
    entity: z.object({ type: z.literal("person"), id: z.string() }),
    data: z.object({ version: z.number(), changes: ZChanges }),
  }),
  z.object({
    type: z.literal("person.name_added"),
    entity: z.object({ type: z.literal("person"), id: z.string() }),
    data: z.object({ nameId: z.string(), name: z.string() }),
  }),
  z.object({
    // `person` (the absorbed one) now points at `into`; a split clears the pointer again.
    type: z.enum(["person.merged", "person.split"]),
    entity: z.object({ type: z.literal("person"), id: z.string() }),
    data: z.object({ into: z.string(), reason: z.string().optional() }),
  }),
  z.object({
    // An incident's own fields (issue 24): made, or changed by a versioned edit.
    type: z.enum(["incident.created", "incident.updated"]),
    entity: z.object({ type: z.literal("incident"), id: z.string() }),
    data: z.object({ version: z.number(), changes: ZChanges }),
  }),
  z.object({
    type: z.enum(["incident.claim_linked", "incident.claim_unlinked"]),
    entity: z.object({ type: z.literal("incident"), id: z.string() }),
    data: z.object({ claimId: z.string() }),
  }),
  z.object({
    // A victim recorded on the incident, a record changed, or removed (with what it held).
    type: z.enum(["incident.casualty_recorded", "incident.casualty_updated", "incident.casualty_removed"]),
    entity: z.object({ type: z.literal("incident"), id: z.string() }),
    data: z.object({ recordId: z.string(), personId: z.string(), version: z.number().optional(), changes: ZChanges }),
  }),
  z.object({
    // Who is said to have done it: the statement, its grade, rationale and sources; removed with what it said.
    type: z.enum(["incident.attribution_added", "incident.attribution_removed"]),
    entity: z.object({ type: z.literal("incident"), id: z.string() }),
    data: z.object({ attributionId: z.string(), perpetrator: z.string(), grade: z.enum(GRADES), rationale: z.string(), sourceIds: z.array(z.string()) }),
  }),
  z.object({
    // An editor published the incident's page: its version, the public address, and the SHA-256 of the snapshot published.
    type: z.literal("incident.published"),
    entity: z.object({ type: z.literal("incident"), id: z.string() }),
    data: z.object({ version: z.number(), slug: z.string(), snapshotSha256: z.string() }),
  }),
  z.object({
    type: z.literal("claim.person_linked"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({ personId: z.string(), role: z.enum(PERSON_ROLES), isPublic: z.boolean(), created: z.boolean() }),
  }),
  z.object({
    type: z.literal("claim.person_unlinked"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({ personId: z.string(), role: z.enum(PERSON_ROLES), isPublic: z.boolean() }),
  }),
  z.object({
    // The name marked publishable on `basis`, or made private again (`basis` null); older events have no `basis`.
    type: z.literal("claim.person_visibility_changed"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({
      personId: z.string(),
      role: z.enum(PERSON_ROLES),
      version: z.number(),
      basis: z.enum(NAME_PUBLICATION_BASES).nullable().optional(),
      /** Set when the approval lapsed because the person changed, not by anyone's decision on this claim. */
      lapsed: z.enum(NAME_APPROVAL_LAPSES).optional(),
      changes: ZChanges,
    }),
  }),
  z.object({
    // One event for a whole list: the persons it created and the existing persons it linked.
    type: z.literal("claim.persons_imported"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({
      rows: z.number(),
      role: z.enum(PERSON_ROLES),
      created: z.array(z.string()),
      linked: z.array(z.string()),
      rejectedMatches: z.number(),
      // Links the import added, and the claim's state then: an import in review is shown to its editor (lib/persons/import/import-notice.ts).
      newLinks: z.number().optional(),
      claimState: z.enum(CLAIM_STATES).optional(),
    }),
  }),
  z.object({
    // An editor has checked the persons imported while the claim was in review: the notice goes.
    type: z.literal("claim.import_notice_dismissed"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({ persons: z.number() }),
  }),
  z.object({
    type: z.literal("claim.figure_recorded"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({
      figureId: z.string(),
      measure: z.enum(FIGURE_MEASURES),
      valueMin: z.number(),
      valueMax: z.number(),
      // "At least valueMin": written only when true.
      atLeast: z.literal(true).optional(),
      scopeKey: z.string(),
      asOf: z.string(),
      sourceId: z.string(),
    }),
  }),
  z.object({
    type: z.literal("claim.transitioned"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({
      action: z.string(),
      from: z.enum(CLAIM_STATES),
      to: z.enum(CLAIM_STATES),
      version: z.number(),
      reason: z.string().optional(),
      targetId: z.string().optional(),
      entryVersion: z.number().optional(),
      changes: ZChanges,
      via: z.enum(CLAIM_CHANGE_VIAS).optional(),
    }),
  }),
  z.object({
    // A public version's pages, rendered once when it was published (lib/public-pages): the SHA-256
    // of each language's page and of the version's JSON snapshot (RFC 8785), and the event that
    // published it. Public: nothing here is not already on the pages themselves.
    type: z.literal("entry.sealed"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({
      slug: z.string(),
      version: z.number().int(),
      publicationSeq: z.number().int(),
      snapshotSha256: z.string(),
      pages: z.array(z.object({ locale: z.string(), sha256: z.string(), size: z.number().int() })),
    }),
  }),
  z.object({
    // A comment on the claim (entity), or on one of its items (`evidenceId`); `mentions`: the ids of the people it names with @.
    type: z.literal("comment.created"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({ commentId: z.string(), evidenceId: z.string().optional(), body: z.string(), mentions: z.array(z.string()) }),
  }),
  z.object({
    // A comment's text changed by its author: the earlier text stays here; `mentions` are the people newly named.
    type: z.literal("comment.edited"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({ commentId: z.string(), evidenceId: z.string().optional(), version: z.number(), changes: ZChanges, mentions: z.array(z.string()) }),
  }),
  z.object({
    // A comment deleted (by its author, or an editor) with a reason; its text stays here.
    type: z.literal("comment.deleted"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({ commentId: z.string(), evidenceId: z.string().optional(), reason: z.string(), body: z.string() }),
  }),
  z.object({
    type: z.literal("saved_view.created"),
    entity: z.object({ type: z.literal("saved_view"), id: z.string() }),
    data: z.object({ name: z.string(), shared: z.boolean(), filters: z.record(z.string(), z.string()) }),
  }),
  z.object({
    type: z.literal("saved_view.deleted"),
    entity: z.object({ type: z.literal("saved_view"), id: z.string() }),
    data: z.object({ name: z.string(), shared: z.boolean() }),
  }),
  z.object({
    // The team's notification settings: the reminder's days, whether mail may name claims.
    type: z.literal("settings.notifications_changed"),
    entity: z.object({ type: z.literal("settings"), id: z.literal("notifications") }),
    data: z.object({ changes: ZChanges }),
  }),
]);

export type TAuditEventBody = z.infer<typeof ZAuditEventBody>;
export type TAuditEventType = TAuditEventBody["type"];

// The audit log's filter lists AUDIT_EVENT_TYPES (lib/vocabulary.ts): it names every type written here, and no other.
const _everyTypeListed: [TAuditEventType] extends [AuditEventType] ? ([AuditEventType] extends [TAuditEventType] ? true : never) : never = true;
void _everyTypeListed;

/** The fields that differ between two objects, as before/after pairs. */
export function diffFields<T extends Record<string, unknown>>(before: Partial<T>, after: Partial<T>) {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[key] ?? null;
    const a = after[key] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes[key] = { before: b, after: a };
  }
  return changes;
}
