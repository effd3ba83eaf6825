import { z } from "zod";
import { requiredFieldsOf } from "@/lib/validation/required-fields";
import { FIGURE_MEASURES } from "@/lib/vocabulary";
import { zOptionalText, zText } from "@/lib/validation/text";
import { normalisePlace } from "./scope-key";
import { messageRef } from "@/lib/i18n/message-ref";

// HTML forms send "" for an empty field; the API may send null. Both mean "not given".
const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const ZMeasure = z.enum(FIGURE_MEASURES, { error: messageRef("validation.useOneOf", { options: FIGURE_MEASURES.join(", ") }) });

/** A count of people: a whole number, from a form ("1383", "1,383") or from JSON. */
const ZCount = z.preprocess(
  (v) => {
    const given = emptyToUndefined(typeof v === "string" ? v.trim() : v);
    return typeof given === "string" && /^\d{1,3}(,\d{3})*$|^\d+$/.test(given) ? Number(given.replace(/,/g, "")) : given;
  },
  z
    .number({ error: messageRef("validation.wholeNumber") })
    .int(messageRef("validation.wholeNumber"))
    .min(0, messageRef("validation.figures.countNegative"))
    // The column is a 32-bit integer; no count of people comes near this.
    .max(100_000_000, messageRef("validation.atMost", { max: 100_000_000 }))
    .optional(),
);

const isRealDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};

/** True for a well-formed, real YYYY-MM-DD: the cross-field rules below compare only those. */
const isIsoDate = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && isRealDate(v);

// Each rule passes what an earlier one refused, so a person reads the one thing to fix, not three
// messages about one date. (Not `abort`: an aborted field would also skip the cross-field rules.)
const ZIsoDate = z
  .string({ error: messageRef("validation.isoDate") })
  .regex(/^\d{4}-\d{2}-\d{2}$/, messageRef("validation.isoDate"))
  .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || isRealDate(s), messageRef("validation.notRealDate"))
  .refine((s) => !isIsoDate(s) || s >= "1900-01-01", messageRef("validation.figures.after1900"));

/** Tomorrow in UTC: a figure dated "today" somewhere east of UTC is still accepted. */
function latestAsOf(): string {
  return new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
}

const ZFigureFields = z
  .object({
    measure: ZMeasure,
    value: ZCount,
    /** "At least `value`": the source gave a floor, not a count. */
    atLeast: z.preprocess((v) => (v === "on" || v === "true" ? true : v === "" || v === "false" ? false : v), z.boolean({ error: messageRef("validation.trueOrFalse") }).optional()),
    valueMin: ZCount,
    valueMax: ZCount,
    scopePlace: zText(200).refine((p) => p === "" || normalisePlace(p) !== "", messageRef("validation.figures.placeLetters")),
    scopePeriodFrom: z.preprocess(emptyToUndefined, ZIsoDate.optional()),
    scopePeriodTo: z.preprocess(emptyToUndefined, ZIsoDate.optional()),
    asOf: z.preprocess(emptyToUndefined, ZIsoDate.refine((s) => !isIsoDate(s) || s <= latestAsOf(), messageRef("validation.figures.asOfFuture"))),
    sourceId: z.preprocess(emptyToUndefined, z.uuid(messageRef("validation.figures.chooseSource"))),
    note: zOptionalText(2000),
  })
  .strict();

/**
 * The rules between fields. They run even when a field (or an unknown key) failed, so a person
 * sees every problem at once — which is why each comparison checks its operands' types itself.
 */
function checkAcrossFields(f: z.output<typeof ZFigureFields>, ctx: z.RefinementCtx) {
  const ranged = f.valueMin !== undefined || f.valueMax !== undefined;
  if (f.value !== undefined && ranged) {
    ctx.addIssue({ code: "custom", path: ["value"], message: messageRef("validation.figures.valueOrRange") });
  } else if (f.value === undefined && !ranged) {
    ctx.addIssue({ code: "custom", path: ["value"], message: messageRef("validation.figures.giveValue") });
  } else if (ranged) {
    if (f.atLeast) ctx.addIssue({ code: "custom", path: ["atLeast"], message: messageRef("validation.figures.atLeastOneValue") });
    if (f.valueMin === undefined) ctx.addIssue({ code: "custom", path: ["valueMin"], message: messageRef("validation.figures.rangeLower") });
    if (f.valueMax === undefined) ctx.addIssue({ code: "custom", path: ["valueMax"], message: messageRef("validation.figures.rangeUpper") });
    if (typeof f.valueMin === "number" && typeof f.valueMax === "number" && f.valueMin > f.valueMax) {
      ctx.addIssue({ code: "custom", path: ["valueMax"], message: messageRef("validation.figures.maxBelowMin") });
    }
  }
  if (isIsoDate(f.scopePeriodFrom) && isIsoDate(f.scopePeriodTo) && f.scopePeriodTo < f.scopePeriodFrom) {
    ctx.addIssue({ code: "custom", path: ["scopePeriodTo"], message: messageRef("validation.figures.periodReversed") });
  }
  if (isIsoDate(f.scopePeriodFrom) && isIsoDate(f.asOf) && f.asOf < f.scopePeriodFrom) {
    ctx.addIssue({ code: "custom", path: ["asOf"], message: messageRef("validation.figures.asOfBeforePeriod") });
  }
}

/** What a figure cannot go without: its fields' own, and a value (one, or both ends of a range). */
export const REQUIRED_FIGURE_FIELDS: readonly string[] = [...requiredFieldsOf(ZFigureFields), "value", "valueMin", "valueMax"];

/**
 * A reported figure: either one `value` or a range `valueMin`–`valueMax` (a monitor's "between
 * 1,000 and 1,300"), with its scope, as-of date and source. Parsed into `valueMin`/`valueMax`.
 */
export const ZRecordFigure = ZFigureFields
  // Only an object has fields to compare; anything else has already failed as "expected object".
  .superRefine(checkAcrossFields, { when: (p) => typeof p.value === "object" && p.value !== null && !Array.isArray(p.value) })
  .transform(({ value, valueMin, valueMax, atLeast, ...rest }) => ({
    ...rest,
    atLeast: atLeast ?? false,
    // The refinement above guarantees either `value` or both ends.
    valueMin: (value ?? valueMin) as number,
    valueMax: (value ?? valueMax) as number,
  }));
export type TRecordFigure = z.input<typeof ZRecordFigure>;
export type TRecordFigureData = z.output<typeof ZRecordFigure>;

/** One series: a measure and a scope, given as its key (`place|from|to`) or as a bare place. */
export const ZFigureSeriesQuery = z
  .object({
    measure: ZMeasure,
    scope: zText(500),
  });
export type TFigureSeriesQuery = z.input<typeof ZFigureSeriesQuery>;
