import type { createTranslator } from "next-intl";
import { Fragment, type ReactNode } from "react";
import { Bidi } from "@/components/ui/bidi";
import type { Messages } from "@/lib/i18n/catalogues";
import type { Sex } from "@/lib/vocabulary";

export type PersonsT = ReturnType<typeof createTranslator<Messages, "persons">>;

type Details = { sex: Sex | null; age: number | null; incidentDate: string | null; placeName: string | null };
type Part = "sex" | "age" | "date" | "place";

/**
 * What is held of a person besides their names, part by part in the order asked, as one line:
 * "female · age 40 · 2025-03-08 · Baniyas" (the date as stored, the place as written, each
 * isolated so an Arabic place does not reorder the line). A part not known is left out, or said
 * to be unknown with `sayUnknown` (to tell two of one name apart). Null when nothing is known.
 */
export function knownDetails(t: PersonsT, p: Details, parts: Part[], { sayUnknown = false } = {}): ReactNode {
  const word: Record<Part, () => ReactNode> = {
    sex: () => (p.sex ? t(`details.sex.${p.sex}`) : null),
    age: () => (p.age !== null ? t("details.age", { age: p.age }) : sayUnknown ? t("details.ageUnknown") : null),
    date: () => (p.incidentDate ? <Bidi>{p.incidentDate}</Bidi> : sayUnknown ? t("details.dateUnknown") : null),
    place: () => (p.placeName ? <bdi>{p.placeName}</bdi> : sayUnknown ? t("details.placeUnknown") : null),
  };
  const known = parts.map((part) => [part, word[part]()] as const).filter(([, w]) => w !== null);
  if (known.length === 0) return null;
  return known.map(([part, w], i) => (
    <Fragment key={part}>
      {i ? " · " : ""}
      {w}
    </Fragment>
  ));
}
