/**
 * The domain's vocabulary: roles, claim kinds and states, grades, reliabilities, stances, person
 * roles, figure measures. Plain constants without drizzle, so that forms in the browser, lib/ and
 * db/schema (which builds its PostgreSQL enums from them, db/schema/enums.ts) share one list each
 * and no database code rides into a client bundle.
 */
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

/** What kind of event an incident is (issue 24). */
export const INCIDENT_TYPES = ["killing", "mass_grave", "shelling", "arrest", "disappearance", "displacement", "other"] as const;
/** How well an incident's dates are known: to the hour (a time is given), to the day, or about then. */
export const DATE_PRECISIONS = ["exact", "day", "approximate"] as const;
/** How a person died, to the Every Casualty Counts standard's minimum (a recorded cause, or unknown). */
export const CASUALTY_CAUSES = ["shot", "shelled", "airstrike", "burned", "stabbed", "beaten", "executed", "explosive", "other", "unknown"] as const;
/** A victim's status as recorded: a civilian, a combatant, or not known. */
export const CASUALTY_STATUSES = ["civilian", "combatant", "unknown"] as const;
/** Age bands when the exact age is not known: a child (under 18), an adult (18–59), an older person (60 and over). */
export const AGE_BANDS = ["child", "adult", "older"] as const;
/** An incident's public life: a draft, published (its public page shows its newest published version). */
export const INCIDENT_STATES = ["draft", "published"] as const;

export type Role = (typeof ROLES)[number];
export type ClaimKind = (typeof CLAIM_KINDS)[number];
export type ClaimState = (typeof CLAIM_STATES)[number];
export type Grade = (typeof GRADES)[number];
export type PlacePrecision = (typeof PLACE_PRECISIONS)[number];
export type EntryChange = (typeof ENTRY_CHANGES)[number];
export type SourceKind = (typeof SOURCE_KINDS)[number];
export type Reliability = (typeof RELIABILITIES)[number];
export type AssessmentStance = (typeof ASSESSMENT_STANCES)[number];
export type IncidentType = (typeof INCIDENT_TYPES)[number];
export type DatePrecision = (typeof DATE_PRECISIONS)[number];
export type CasualtyCause = (typeof CASUALTY_CAUSES)[number];
export type CasualtyStatus = (typeof CASUALTY_STATUSES)[number];
export type AgeBand = (typeof AGE_BANDS)[number];
export type IncidentState = (typeof INCIDENT_STATES)[number];

export const PERSON_ROLES = ["victim", "missing", "injured", "perpetrator", "witness"] as const;
export const SEXES = ["female", "male"] as const;
/** The script a name is written in; Arabic and Latin forms of one name are one person. */
export const NAME_SCRIPTS = ["arabic", "latin", "mixed", "other"] as const;
export const FIGURE_MEASURES = ["killed", "injured", "displaced", "missing"] as const;
/**
 * Why a person's name may be published with an entry (lib/persons/set-visibility.ts): a name is
 * private until an editor or reviewer states one of these; `other` must say what it is.
 */
export const NAME_PUBLICATION_BASES = ["already_public", "family_consent", "other"] as const;
/** The longest stated basis (or note on another basis), in characters. */
export const NAME_BASIS_NOTE_MAX = 500;
/** The guard of a refused takeover (a 409, lib/claims/assign-claim.ts): the API names it, the assignment form asks "Take over from …?". */
export const TAKEOVER_GUARD = "takeover";

/**
 * The languages a claim's original is offered in, Arabic first: the region's languages, then those
 * its coverage is most often in. A form offers these; the API takes any ISO 639 code (with a region).
 */
export const CLAIM_LANGUAGES = ["ar", "en", "ku", "ckb", "tr", "fa", "syr", "hy", "he", "fr", "de", "es", "ru", "uk", "it", "nl", "sv"] as const;

export type ClaimLanguage = (typeof CLAIM_LANGUAGES)[number];
/** Why a name's approval for publication lapsed (lib/persons/name-approvals.ts): what it covered changed. */
export const NAME_APPROVAL_LAPSES = ["name_added", "person_merged", "details_changed"] as const;

export type NameApprovalLapse = (typeof NAME_APPROVAL_LAPSES)[number];
export type PersonRole = (typeof PERSON_ROLES)[number];
export type Sex = (typeof SEXES)[number];
export type NameScript = (typeof NAME_SCRIPTS)[number];
export type FigureMeasure = (typeof FIGURE_MEASURES)[number];
export type NamePublicationBasis = (typeof NAME_PUBLICATION_BASES)[number];

/**
 * Every type of audit event the app writes (lib/audit/events.ts checks this list against its
 * schema at compile time), for the audit log's filter.
 */
export const AUDIT_EVENT_TYPES = [
  "user.created",
  "user.updated",
  "user.invited",
  "user.joined",
  "user.password_changed",
  "user.password_reset_requested",
  "user.factor_added",
  "user.factor_removed",
  "user.preferences_changed",
  "settings.two_factor_policy_changed",
  "token.created",
  "token.revoked",
  "auth.sign_in_succeeded",
  "auth.second_factor_passed",
  "auth.second_factor_failed",
  "auth.sign_in_failed",
  "session.ended",
  "claim.submitted",
  "claim.edited",
  "claim.graded",
  "claim.correction_drafted",
  "claim.correction_discarded",
  "claim.assigned",
  "claim.transitioned",
  "entry.sealed",
  "claim.assessed",
  "claim.person_linked",
  "claim.person_unlinked",
  "claim.person_visibility_changed",
  "claim.persons_imported",
  "claim.import_notice_dismissed",
  "claim.figure_recorded",
  "comment.created",
  "comment.edited",
  "comment.deleted",
  "saved_view.created",
  "saved_view.deleted",
  "settings.notifications_changed",
  "evidence.added",
  "evidence.derived",
  "evidence.captured",
  "evidence.capture_failed",
  "evidence.capture_retried",
  "evidence.withdrawn",
  "evidence.downloaded",
  "evidence.viewed",
  "evidence.frame_grabbed",
  "evidence.note_added",
  "evidence.note_edited",
  "evidence.note_deleted",
  "evidence.sensitivity_marked",
  "evidence.sources_set",
  "evidence.disclosure_set",
  "evidence.disclosed",
  "source.created",
  "source.updated",
  "source.citation_added",
  "person.created",
  "person.updated",
  "person.name_added",
  "person.merged",
  "person.split",
  "incident.created",
  "incident.updated",
  "incident.claim_linked",
  "incident.claim_unlinked",
  "incident.casualty_recorded",
  "incident.casualty_updated",
  "incident.casualty_removed",
  "incident.attribution_added",
  "incident.attribution_removed",
  "incident.published",
] as const;
/** How a person proves who they are first: a password, or the organisation's identity provider (OpenID Connect). */
export const ACCOUNT_METHODS = ["credentials", "oidc"] as const;
/** Second factors: a TOTP app, a passkey or security key (WebAuthn), a one-time recovery code. */
export const SECOND_FACTORS = ["totp", "passkey", "recovery_code"] as const;
/** Why a session ended: signed out, ended from the sessions list (by its person or an admin), or by a password change, reset or deactivation. */
export const SESSION_END_REASONS = ["signed_out", "ended_by_user", "ended_by_admin", "password_changed", "password_reset", "deactivated", "second_factor_reset"] as const;
/** Where a person's account stands: invited (not yet joined), active, or deactivated by an admin. */
export const USER_STATUSES = ["invited", "active", "deactivated"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
export type AccountMethod = (typeof ACCOUNT_METHODS)[number];
export type SecondFactor = (typeof SECOND_FACTORS)[number];
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/** The audit log's orders: newest first, oldest first. */
export const AUDIT_ORDERS = ["desc", "asc"] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];
export type AuditOrder = (typeof AUDIT_ORDERS)[number];

/**
 * What a person is told of (lib/notifications): mentioned in a comment, given a claim, a claim they
 * submitted or watch changed, a claim sent to review (editors), a claim of theirs untouched for days.
 */
export const NOTIFICATION_KINDS = ["mentioned", "assigned", "submitted_changed", "watched_changed", "sent_to_review", "reminder"] as const;
/** How a kind reaches a person: not at all, in the app, in the app and by e-mail at once, or in the app and a daily e-mail digest. */
export const NOTIFICATION_DELIVERIES = ["off", "app", "email", "digest"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type NotificationDelivery = (typeof NOTIFICATION_DELIVERIES)[number];
/** How a claim was assigned or moved besides one at a time: taken with "take next", or in a bulk action. */
export const CLAIM_CHANGE_VIAS = ["take_next", "bulk"] as const;
/** What a bulk action does to each selected claim. */
export const BULK_ACTIONS = ["assign", "accept", "reject", "duplicate"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
/** Longest comment a person may write, in characters. */
export const COMMENT_MAX = 5000;
/** The playable copies made from a video or audio original: `web` (H.264/AAC MP4, or AAC audio) and `low` (video, about 360p, ≤ 400 kbit/s). */
/**
 * How a published entry names one of its evidence items (issue 23): by its SHA-256 (`hash`), by a
 * salted commitment (`commitment`: HMAC-SHA-256 of the bytes under the item's own secret key), or
 * not at all (`withheld`: counted, never fingerprinted).
 */
export const DISCLOSURES = ["hash", "commitment", "withheld"] as const;
export type Disclosure = (typeof DISCLOSURES)[number];

export const WORKING_COPY_KINDS = ["web", "low"] as const;
export type WorkingCopyKind = (typeof WORKING_COPY_KINDS)[number];
