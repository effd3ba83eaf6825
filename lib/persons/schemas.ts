import { z } from "zod";
import { isStorableDate, STORABLE_YEARS_MESSAGE } from "@/lib/validation/date";
import { zNumeric } from "@/lib/validation/number";
import { NAME_BASIS_NOTE_MAX, NAME_PUBLICATION_BASES, PERSON_ROLES, SEXES } from "@/lib/vocabulary";
import { zOptionalText, zText } from "@/lib/validation/text";
import { messageRef } from "@/lib/i18n/message-ref";

const AGE_YEARS = messageRef("validation.persons.ageYears");
const AGE_RANGE = messageRef("validation.persons.ageRange");

// z.iso.date takes "0000-01-01", which PostgreSQL does not: held to a claim's years, a 400.
const ZIsoDate = z.iso.date(messageRef("validation.dateAsIso")).refine(isStorableDate, STORABLE_YEARS_MESSAGE);
export const ZPersonRole = z.enum(PERSON_ROLES, { error: messageRef("validation.useOneOf", { options: PERSON_ROLES.join(", ") }) });

/** One form of a name, in any script. */
export const ZPersonName = zText(200);

export const ZPersonDetails = {
  sex: z.enum(SEXES, { error: messageRef("validation.persons.sex") }).nullable().optional(),
  age: zNumeric(z.number({ error: AGE_YEARS }).int(AGE_YEARS).min(0, AGE_RANGE).max(130, AGE_RANGE)).nullable().optional(),
  incidentDate: ZIsoDate.nullable().optional(),
  placeName: zOptionalText(200).nullable(),
  note: zOptionalText(2000).nullable(),
};

/**
 * Adding a person to a claim: link an existing person (`personId`; any `names` given are kept as
 * further forms of their name, so the spelling that was typed is not lost) or create one from its
 * name forms.
 */
export const ZAddClaimPerson = z
  .object({
    role: ZPersonRole,
    personId: z.uuid(messageRef("validation.notPersonId")).optional(),
    names: z.array(ZPersonName).min(1, messageRef("validation.persons.atLeastOneName")).max(20, messageRef("validation.persons.atMostNameForms", { max: 20 })).optional(),
    ...ZPersonDetails,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.personId && !v.names) ctx.addIssue({ code: "custom", path: ["names"], message: messageRef("validation.persons.nameOrPerson") });
  });
export type TAddClaimPerson = z.input<typeof ZAddClaimPerson>;

export const ZAddPersonName = z.object({ name: ZPersonName }).strict();

export const ZUpdatePerson = z.object({ ...ZPersonDetails, version: z.number().int().positive() }).strict();
export type TUpdatePerson = z.input<typeof ZUpdatePerson>;

export const ZMergePerson = z
  .object({ intoId: z.uuid(messageRef("validation.notPersonId")), reason: zOptionalText(1000) })
  .strict();
export type TMergePerson = z.input<typeof ZMergePerson>;

/**
 * Marking a name publishable needs a basis (`other` with a stated note); making it private again
 * takes none and clears the one it had.
 */
export const ZSetPersonVisibility = z
  .object({
    isPublic: z.boolean(),
    basis: z.enum(NAME_PUBLICATION_BASES, { error: messageRef("validation.useOneOf", { options: NAME_PUBLICATION_BASES.join(", ") }) }).nullable().optional(),
    basisNote: zOptionalText(NAME_BASIS_NOTE_MAX).nullable(),
    version: z.number().int().positive(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.isPublic && !v.basis) ctx.addIssue({ code: "custom", path: ["basis"], message: messageRef("validation.persons.basis") });
    if (v.isPublic && v.basis === "other" && !v.basisNote) ctx.addIssue({ code: "custom", path: ["basisNote"], message: messageRef("validation.persons.stateBasis") });
    if (!v.isPublic && (v.basis || v.basisNote)) ctx.addIssue({ code: "custom", path: [v.basis ? "basis" : "basisNote"], message: messageRef("validation.persons.privateNoBasis") });
  });
export type TSetPersonVisibility = z.input<typeof ZSetPersonVisibility>;

export const ZMatchPersons = z
  .object({ name: ZPersonName, limit: z.number().int().min(1).max(50).default(10) })
  .strict();
export type TMatchPersons = z.input<typeof ZMatchPersons>;

/** The reconcile door: ids must be unique, or a cluster could not name its members. */
export const MAX_RECONCILE_NAMES = 20_000;
/** 20,000 names of 200 characters in Arabic (two bytes a letter) with their ids fit in this. */
export const RECONCILE_MAX_BYTES = 12 * 1024 * 1024;
export const ZReconcile = z
  .object({
    names: z
      .array(z.object({ id: z.string().trim().min(1, messageRef("validation.required")).max(200, messageRef("validation.atMostCharacters", { max: 200 })), name: ZPersonName }).strict())
      .min(1, messageRef("validation.persons.atLeastOneName"))
      .max(MAX_RECONCILE_NAMES, messageRef("validation.persons.atMostNames", { max: MAX_RECONCILE_NAMES })),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.names.forEach((n, i) => {
      if (seen.has(n.id)) ctx.addIssue({ code: "custom", path: ["names", i, "id"], message: messageRef("validation.persons.duplicateId", { id: n.id }) });
      seen.add(n.id);
    });
  });
export type TReconcile = z.input<typeof ZReconcile>;
