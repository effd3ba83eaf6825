import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { MatchReason } from "@/lib/persons/matching";

type NamesT = ReturnType<typeof useTranslations<"names">>;

const name = (chunks: ReactNode) => <bdi>{chunks}</bdi>;

/**
 * One reason in the reader's language, from its code and the words it names (the spellings stay
 * as written, each isolated). A reason without those words (one from before they were kept) is
 * shown in the engine's own English.
 */
function reasonWords(t: NamesT, r: MatchReason): ReactNode {
  switch (r.code) {
    case "same_arabic_name":
    case "same_name":
    case "cross_script":
    case "transliteration_variant":
      return t(`reason.${r.code}`);
    case "same_given_name":
    case "same_father_name":
    case "same_family_name":
    case "close_spelling":
      if (!r.part || !r.forms) return r.text;
      return t.rich(r.code === "close_spelling" ? "reason.closeSpelling" : "reason.samePart", { part: r.part, a: r.forms[0], b: r.forms[1], first: name, second: name });
    case "missing_middle_name":
      if (r.omitted === undefined) return r.text;
      return t.rich(r.part === "family" ? "reason.noFamilyName" : "reason.leftOut", { omitted: r.omitted, name });
    default:
      return r.text;
  }
}

/** Why the engine thinks two names are one person, as small labels. */
export function MatchReasons({ reasons }: { reasons: MatchReason[] }) {
  const t = useTranslations("names");
  if (reasons.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1" aria-label={t("why")}>
      {reasons.map((r) => (
        <li key={r.code + r.text} className="rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-700">
          {reasonWords(t, r)}
        </li>
      ))}
    </ul>
  );
}
