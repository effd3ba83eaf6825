import { z } from "zod";
import { ZCoordinate, ZIsoDate } from "@/lib/claims/schemas";
import { type Locale, LOCALES } from "@/lib/i18n/locales";
import { messageRef } from "@/lib/i18n/message-ref";
import { ZLimit } from "@/lib/validation/cursor";
import { zNumeric } from "@/lib/validation/number";
import { requiredFieldsOf } from "@/lib/validation/required-fields";
import { zOptionalText, zText } from "@/lib/validation/text";
import { AGE_BANDS, CASUALTY_CAUSES, CASUALTY_STATUSES, DATE_PRECISIONS, GRADES, INCIDENT_TYPES, PLACE_PRECISIONS, SEXES } from "@/lib/vocabulary";

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: messageRef("validation.useOneOf", { options: values.join(", ") }) });
/** The optional fields, which an edit may clear with null. */
const clearable = <T extends z.ZodType>(field: T) => z.union([z.null(), field]).optional();

const ZRequiredDate = ZIsoDate.refine((d) => d !== undefined, messageRef("validation.required"));
/** "HH:MM", the hour an incident began when its precision is exact. */
const ZTime = z.preprocess(emptyToUndefined, z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, messageRef("validation.incidents.time")).optional());
const ZVersion = zNumeric(z.number({ error: messageRef("validation.versionRead") }).int().positive());
const ZId = (message: string) => z.uuid(messageRef(message));
/** Registry sources, each named once, at most 20. */
const ZSourceIds = z
  .array(ZId("validation.notSourceId"))
  .max(20, messageRef("validation.tooManyItems", { maximum: 20 }))
  .refine((ids) => new Set(ids).size === ids.length, messageRef("validation.incidents.sourceTwice"));

/** The title in the other interface languages, by language; null removes one. A strict object: any other key is refused by name. */
const ZTitleTranslations = z
  .object(Object.fromEntries(LOCALES.map((locale) => [locale, zText(300).nullable().optional()])) as Record<Locale, z.ZodOptional<z.ZodNullable<ReturnType<typeof zText>>>>)
  .strict();

const incidentFields = {
  title: zText(300),
  /** The title's own language: an interface language (the other is its translation). */
  language: oneOf(LOCALES),
  type: oneOf(INCIDENT_TYPES),
  summary: zOptionalText(10_000),
  placeName: zText(300),
  placePrecision: oneOf(PLACE_PRECISIONS),
  latitude: ZCoordinate(-90, 90),
  longitude: ZCoordinate(-180, 180),
  startDate: ZRequiredDate,
  endDate: ZRequiredDate,
  startTime: ZTime,
  datePrecision: oneOf(DATE_PRECISIONS),
  parentId: z.preprocess(emptyToUndefined, ZId("validation.incidents.notIncidentId").optional()),
};

/** What an incident cannot go without. */
export const REQUIRED_INCIDENT_FIELDS: readonly string[] = requiredFieldsOf(z.object(incidentFields));

type IncidentShape = {
  latitude?: number | null;
  longitude?: number | null;
  startDate?: string | null;
  endDate?: string | null;
  startTime?: string | null;
  datePrecision?: string | null;
};

/** The rules across fields, for a new incident and for one as an edit would leave it: each broken one's field and message. */
export function incidentFieldIssues(f: IncidentShape): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if ((f.latitude == null) !== (f.longitude == null)) {
    for (const path of ["latitude", "longitude"]) issues.push({ path, message: messageRef("validation.claims.bothCoordinates") });
  }
  if (typeof f.startDate === "string" && typeof f.endDate === "string" && f.endDate < f.startDate) {
    issues.push({ path: "endDate", message: messageRef("validation.claims.endBeforeStart") });
  }
  if (f.startTime && f.datePrecision !== "exact") issues.push({ path: "startTime", message: messageRef("validation.incidents.timeOnlyExact") });
  return issues;
}

export const ZCreateIncident = z
  .object({
    ...incidentFields,
    translations: ZTitleTranslations.optional(),
    /** A claim the incident is made from: linked in the same step. */
    claimId: z.preprocess(emptyToUndefined, ZId("validation.notClaimId").optional()),
  })
  .strict()
  .superRefine((f, ctx) => {
    for (const { path, message } of incidentFieldIssues(f)) ctx.addIssue({ code: "custom", path: [path], message });
  });
export type TCreateIncident = z.input<typeof ZCreateIncident>;
export type TCreateIncidentData = z.output<typeof ZCreateIncident>;

/** An edit: any field (null clears an optional one), with the version it was read at. */
export const ZUpdateIncident = z
  .object({
    title: incidentFields.title.optional(),
    language: incidentFields.language.optional(),
    type: incidentFields.type.optional(),
    summary: clearable(incidentFields.summary),
    placeName: incidentFields.placeName.optional(),
    placePrecision: incidentFields.placePrecision.optional(),
    latitude: clearable(incidentFields.latitude),
    longitude: clearable(incidentFields.longitude),
    startDate: incidentFields.startDate.optional(),
    endDate: incidentFields.endDate.optional(),
    startTime: clearable(incidentFields.startTime),
    datePrecision: incidentFields.datePrecision.optional(),
    parentId: clearable(incidentFields.parentId),
    translations: ZTitleTranslations.optional(),
    version: ZVersion,
  })
  .strict();
export type TUpdateIncident = z.input<typeof ZUpdateIncident>;

/** The workspace list, the map and the timeline: one query, keyset-paged by start date. */
export const ZIncidentQuery = z.object({
  type: z.preprocess(emptyToUndefined, oneOf(INCIDENT_TYPES).optional()),
  /** Incidents with at least one claim of this grade. */
  grade: z.preprocess(emptyToUndefined, oneOf(GRADES).optional()),
  /** Incidents overlapping this period. */
  from: ZIsoDate,
  to: ZIsoDate,
  q: zOptionalText(200),
  /** Only those placed within a box: west,south,east,north in decimal degrees. */
  bbox: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^-?\d{1,3}(\.\d+)?(,-?\d{1,3}(\.\d+)?){3}$/, messageRef("validation.incidents.bbox"))
      .transform((s) => s.split(",").map(Number) as [number, number, number, number])
      .refine(([w, s, e, n]) => w >= -180 && e <= 180 && s >= -90 && n <= 90 && w <= e && s <= n, messageRef("validation.incidents.bbox"))
      .optional(),
  ),
  /** The timeline reads oldest first; the list newest first. */
  order: z.preprocess(emptyToUndefined, z.enum(["newest", "oldest"]).default("newest")),
  cursor: z.string().max(300).optional(),
  limit: ZLimit,
});
export type TIncidentQuery = z.input<typeof ZIncidentQuery>;
export const ZIncidentCursor = z.tuple([z.iso.date(), z.uuid()]);

export const ZIncidentClaim = z.object({ claimId: ZId("validation.notClaimId") }).strict();
export type TIncidentClaim = z.input<typeof ZIncidentClaim>;

const ZAge = z.preprocess(emptyToUndefined, zNumeric(z.number({ error: messageRef("validation.wholeNumber") }).int(messageRef("validation.wholeNumber")).min(0, messageRef("validation.atLeast", { min: 0 })).max(130, messageRef("validation.atMost", { max: 130 }))).optional());

const casualtyFields = {
  dateOfDeath: ZIsoDate,
  placeOfDeath: zOptionalText(300),
  cause: z.preprocess(emptyToUndefined, oneOf(CASUALTY_CAUSES).default("unknown")),
  status: z.preprocess(emptyToUndefined, oneOf(CASUALTY_STATUSES).default("unknown")),
  age: ZAge,
  ageBand: z.preprocess(emptyToUndefined, oneOf(AGE_BANDS).optional()),
  sex: z.preprocess(emptyToUndefined, oneOf(SEXES).optional()),
  sourceIds: ZSourceIds.optional(),
  note: zOptionalText(2000),
};

/** An age and an age band that disagree (a child of 40) is refused; an age alone gives its band. */
function checkAge(f: { age?: number | null; ageBand?: string | null }, ctx: z.RefinementCtx) {
  if (typeof f.age === "number" && f.ageBand && f.ageBand !== ageBandOf(f.age)) {
    ctx.addIssue({ code: "custom", path: ["ageBand"], message: messageRef("validation.incidents.ageBand") });
  }
}

/** The band an age falls in. */
export function ageBandOf(age: number): (typeof AGE_BANDS)[number] {
  return age < 18 ? "child" : age < 60 ? "adult" : "older";
}

/** A victim of the incident: a person already in the workspace, with what is known of their death. */
export const ZRecordCasualty = z
  .object({ personId: ZId("validation.notPersonId"), ...casualtyFields })
  .strict()
  .superRefine(checkAge);
export type TRecordCasualty = z.input<typeof ZRecordCasualty>;

export const ZUpdateCasualty = z
  .object({
    dateOfDeath: clearable(casualtyFields.dateOfDeath),
    placeOfDeath: clearable(casualtyFields.placeOfDeath),
    cause: z.preprocess(emptyToUndefined, oneOf(CASUALTY_CAUSES).optional()),
    status: z.preprocess(emptyToUndefined, oneOf(CASUALTY_STATUSES).optional()),
    age: clearable(casualtyFields.age),
    ageBand: clearable(casualtyFields.ageBand),
    sex: clearable(casualtyFields.sex),
    sourceIds: ZSourceIds.optional(),
    note: clearable(casualtyFields.note),
    version: ZVersion,
  })
  .strict()
  .superRefine(checkAge);
export type TUpdateCasualty = z.input<typeof ZUpdateCasualty>;

/** Who is said to have done it, how well that is established, why, and on whose word. */
export const ZAddAttribution = z
  .object({
    perpetrator: zText(300),
    grade: oneOf(GRADES),
    rationale: zText(5000),
    sourceIds: ZSourceIds.refine((ids) => ids.length > 0, messageRef("validation.incidents.attributionSources")),
  })
  .strict();
export type TAddAttribution = z.input<typeof ZAddAttribution>;

/** Publishing an incident: the version the editor read. */
export const ZPublishIncident = z.object({ version: ZVersion }).strict();
export type TPublishIncident = z.input<typeof ZPublishIncident>;
