import { z } from "zod";
import { isStorableDate, STORABLE_YEARS_MESSAGE } from "@/lib/validation/date";
import { ZClaimVersion, zNumeric } from "@/lib/validation/number";
import { BULK_ACTIONS, CLAIM_KINDS, CLAIM_STATES, GRADES, PLACE_PRECISIONS } from "@/lib/vocabulary";
import { ZLimit } from "@/lib/validation/cursor";
import { zOptionalText, zText } from "@/lib/validation/text";
import { requiredFieldsOf } from "@/lib/validation/required-fields";
import { messageRef } from "@/lib/i18n/message-ref";

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** An optional YYYY-MM-DD that is a real, storable date ("" and null are not given). */
export const ZIsoDate = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, messageRef("validation.isoDate"))
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), messageRef("validation.notRealDate"))
    .refine(isStorableDate, STORABLE_YEARS_MESSAGE)
    .optional(),
);

/** Decimal degrees, as JSON or a form's text; "0x10" or "1e1" is not a coordinate anyone typed. */
export const ZCoordinate = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? undefined : v),
    zNumeric(z.number({ error: messageRef("validation.decimalNumber") }).finite().min(min, messageRef("validation.atLeast", { min })).max(max, messageRef("validation.atMost", { max }))).optional(),
  );

// ISO 639-1 (or -3) code, optionally with a region, as "ar", "en", "ar-SY".
const ZLanguage = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, messageRef("validation.languageCode"));

const ZHttpUrl = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .max(2000, messageRef("validation.atMostCharacters", { max: 2000 }))
    .url(messageRef("validation.notUrl"))
    .refine((u) => /^https?:\/\//i.test(u), messageRef("validation.httpUrl"))
    .optional(),
);

/** A claim's own fields, as submitted and as edited before publication. */
const claimFields = {
  kind: z.enum(CLAIM_KINDS, { error: messageRef("validation.claims.chooseKind") }),
  title: zText(300),
  summary: zText(10_000),
  language: ZLanguage,
  incidentDateFrom: ZIsoDate,
  incidentDateTo: ZIsoDate,
  placeName: zOptionalText(300),
  latitude: ZCoordinate(-90, 90),
  longitude: ZCoordinate(-180, 180),
  placePrecision: z.preprocess(emptyToUndefined, z.enum(PLACE_PRECISIONS).optional()),
  firstSeenSourceName: zOptionalText(300),
  firstSeenUrl: ZHttpUrl,
};

/** The fields an edit may change: all of them. */
export const EDITABLE_CLAIM_FIELDS = Object.keys(claimFields) as (keyof typeof claimFields)[];
/** The fields a claim always has; every other one an edit may clear (null). */
export const REQUIRED_CLAIM_FIELDS: readonly string[] = requiredFieldsOf(z.object(claimFields));

export const ZSubmitClaim = z
  .object(claimFields)
  .strict()
  .superRefine((c, ctx) => {
    if ((c.latitude === undefined) !== (c.longitude === undefined)) {
      // Named on the one given and the one missing: either may be what to put right.
      for (const path of ["latitude", "longitude"]) ctx.addIssue({ code: "custom", path: [path], message: messageRef("validation.claims.bothCoordinates") });
    }
    if (c.latitude !== undefined && !c.placePrecision) {
      ctx.addIssue({ code: "custom", path: ["placePrecision"], message: messageRef("validation.claims.placePrecision") });
    }
    if (c.incidentDateFrom && c.incidentDateTo && c.incidentDateTo < c.incidentDateFrom) {
      ctx.addIssue({ code: "custom", path: ["incidentDateTo"], message: messageRef("validation.claims.endBeforeStart") });
    }
    if (c.incidentDateTo && !c.incidentDateFrom) {
      ctx.addIssue({ code: "custom", path: ["incidentDateFrom"], message: messageRef("validation.claims.startOfRange") });
    }
  });
export type TSubmitClaim = z.input<typeof ZSubmitClaim>;
/** A submission as parsed: what is stored. */
export type TSubmitClaimParsed = z.output<typeof ZSubmitClaim>;

/** The optional fields, which an edit may clear with null. */
const clearable = <T extends z.ZodType>(field: T) => z.union([z.null(), field]).optional();

/** Each field as an edit sends it: the required ones or nothing, an optional one also null (cleared). */
const editableFields = {
  kind: claimFields.kind.optional(),
  title: claimFields.title.optional(),
  summary: claimFields.summary.optional(),
  language: claimFields.language.optional(),
  incidentDateFrom: clearable(claimFields.incidentDateFrom),
  incidentDateTo: clearable(claimFields.incidentDateTo),
  placeName: clearable(claimFields.placeName),
  latitude: clearable(claimFields.latitude),
  longitude: clearable(claimFields.longitude),
  placePrecision: clearable(claimFields.placePrecision),
  firstSeenSourceName: clearable(claimFields.firstSeenSourceName),
  firstSeenUrl: clearable(claimFields.firstSeenUrl),
};

/**
 * An edit before publication: any of the claim's fields (null clears an optional one), with the
 * version it was read at. The claim as it would become is checked whole, as a submission is
 * (lib/claims/edit-claim.ts), so a rule across fields (both coordinates or neither) still holds.
 */
export const ZEditClaim = z
  .object({ ...editableFields, version: ZClaimVersion })
  .strict()
  .refine((e) => EDITABLE_CLAIM_FIELDS.some((k) => k in e), { message: messageRef("validation.claims.changeSomething"), path: ["title"] });
export type TEditClaim = z.input<typeof ZEditClaim>;

/**
 * The claim's own fields a published entry shows (the snapshot's allowlist, lib/publishing/snapshot.ts),
 * as an edit sends them: what a correction may change besides the grade. Where the submitter first
 * saw the claim is private, so it is not among them.
 */
export const PUBLIC_CLAIM_FIELD_EDITS = (({ firstSeenSourceName: _name, firstSeenUrl: _url, ...publicFields }) => publicFields)(editableFields);

/** The queue's orders: by submission (oldest or newest first), or by time waited in the state. */
export const QUEUE_ORDERS = ["oldest", "newest", "waiting"] as const;
export type QueueOrder = (typeof QUEUE_ORDERS)[number];

export const ZClaimQuery = z.object({
  state: z.preprocess(emptyToUndefined, z.enum(CLAIM_STATES).optional()),
  kind: z.preprocess(emptyToUndefined, z.enum(CLAIM_KINDS).optional()),
  q: zOptionalText(200),
  assignee: z.preprocess(emptyToUndefined, z.uuid(messageRef("validation.notUserId")).optional()),
  mine: z.preprocess((v) => v === "1" || v === "true" || v === true, z.boolean()).optional(),
  // The review queue works oldest first; a person's own list reads newest first; "waiting" puts
  // first what has waited longest in its state (one state at a time: lib/claims/list-claims.ts).
  order: z.preprocess(emptyToUndefined, z.enum(QUEUE_ORDERS).default("oldest")),
  cursor: z.string().max(300).optional(),
  limit: ZLimit,
});
export type TClaimQuery = z.input<typeof ZClaimQuery>;

export const ZGradeClaim = z.object({
  grade: z.enum(GRADES, { error: messageRef("validation.claims.chooseGrade") }),
  rationale: zText(5000),
  version: ZClaimVersion,
});
export type TGradeClaim = z.input<typeof ZGradeClaim>;

export const ZAssignClaim = z.object({
  assigneeId: z.uuid(messageRef("validation.notUserId")).nullable(),
  version: ZClaimVersion,
  /** Replace (or release) a claim someone else has: without it, that is refused naming them. */
  takeOver: z.boolean({ error: messageRef("validation.trueOrFalse") }).optional(),
});
export type TAssignClaim = z.input<typeof ZAssignClaim>;

/** "Take next": the state to take from (triage unless named; an open one), and optionally a kind. */
export const ZTakeNext = z
  .object({
    state: z.preprocess(emptyToUndefined, z.enum(CLAIM_STATES).default("triage")),
    kind: z.preprocess(emptyToUndefined, z.enum(CLAIM_KINDS).optional()),
  })
  .strict();
export type TTakeNext = z.input<typeof ZTakeNext>;

/** Most claims one bulk request changes: the queue sends a larger selection in chunks of this size. */
export const BULK_MAX = 50;

/** The fields only some bulk actions take, and which. */
const BULK_FIELDS = { reason: ["reject", "duplicate"], targetId: ["duplicate"], assigneeId: ["assign"] } as const;

/**
 * One action on many claims, each item with the version it was read at. `reject` needs `reason`,
 * `duplicate` needs `targetId` (one claim all are duplicates of), `assign` needs `assigneeId`
 * (null unassigns); a field another action takes is refused rather than dropped, and an item
 * named twice is refused.
 */
export const ZBulkAction = z
  .object({
    action: z.enum(BULK_ACTIONS, { error: messageRef("validation.useOneOf", { options: BULK_ACTIONS.join(", ") }) }),
    items: z
      .array(z.object({ id: z.uuid(messageRef("validation.notClaimId")), version: ZClaimVersion }).strict())
      .min(1, messageRef("validation.tooFewItems", { minimum: 1 }))
      .max(BULK_MAX, messageRef("validation.tooManyItems", { maximum: BULK_MAX })),
    reason: zOptionalText(5000),
    targetId: z.preprocess(emptyToUndefined, z.uuid(messageRef("validation.notClaimId")).optional()),
    assigneeId: z.uuid(messageRef("validation.notUserId")).nullable().optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    for (const [field, takenBy] of Object.entries(BULK_FIELDS) as [keyof typeof BULK_FIELDS, readonly string[]][]) {
      if (b[field] !== undefined && !takenBy.includes(b.action)) {
        ctx.addIssue({ code: "custom", path: [field], message: messageRef("validation.workflow.fieldNotTaken", { action: b.action, field, takenBy: takenBy.join(", ") }) });
      }
    }
    if (b.action === "reject" && !b.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: messageRef("validation.required") });
    if (b.action === "duplicate" && !b.targetId) ctx.addIssue({ code: "custom", path: ["targetId"], message: messageRef("validation.required") });
    if (b.action === "assign" && b.assigneeId === undefined) ctx.addIssue({ code: "custom", path: ["assigneeId"], message: messageRef("validation.required") });
    const seen = new Set<string>();
    b.items.forEach((item, i) => {
      // An id in capitals names the same claim.
      const id = item.id.toLowerCase();
      if (seen.has(id)) ctx.addIssue({ code: "custom", path: ["items", i, "id"], message: messageRef("validation.claims.namedTwice") });
      seen.add(id);
    });
  });
export type TBulkAction = z.input<typeof ZBulkAction>;
