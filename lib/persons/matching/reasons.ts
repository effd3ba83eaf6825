/**
 * Short sentences that tell a researcher why two names were matched, so a suggestion can be
 * checked rather than trusted.
 */
import { normaliseArabic } from "./arabic";
import type { PreparedName } from "./prepare";
import type { Alignment, Role } from "./score";

export type MatchReasonCode =
  | "same_arabic_name"
  | "same_name"
  | "cross_script"
  | "transliteration_variant"
  | "same_given_name"
  | "same_father_name"
  | "same_family_name"
  | "missing_middle_name"
  | "close_spelling";
/**
 * `text` is the reason in English (the API's and the tools' words); the interface says it in the
 * reader's language from the code and the words it names (components/persons/match-reasons.tsx):
 * `part`, the part of the name it is about (for a left-out name, the family name when that is
 * what one name has not); `forms`, the two spellings that agree; `omitted`, what one name leaves out.
 */
export type MatchReason = { code: MatchReasonCode; text: string; part?: Role; forms?: [string, string]; omitted?: string };

const ROLE_TEXT = { given: "given name", father: "father's name", grandfather: "grandfather's name", family: "family name" } as const;
const ROLE_CODE = { given: "same_given_name", father: "same_father_name", grandfather: null, family: "same_family_name" } as const;

export function explain(a: PreparedName, b: PreparedName, alignment: Alignment): MatchReason[] {
  const reasons: MatchReason[] = [];
  const agreeing = alignment.pairs.filter(([, , m]) => m.similarity > 0);
  if (agreeing.length === alignment.pairs.length && alignment.omitted.length === 0) {
    if (a.script === "arabic" && b.script === "arabic" && normaliseArabic(a.raw) === normaliseArabic(b.raw)) {
      reasons.push({ code: "same_arabic_name", text: "Same Arabic name after normalising spelling" });
    } else if (a.tokens.join(" ") === b.tokens.join(" ") && agreeing.every(([, , m]) => m.agreement === "same")) {
      reasons.push({ code: "same_name", text: "Same name" });
    }
  }
  const scripts = new Set(agreeing.map(([x, y]) => (x.script === y.script ? "same" : "cross")));
  if (scripts.has("cross")) reasons.push({ code: "cross_script", text: "Arabic and Latin spellings agree" });
  if (agreeing.some(([, , m]) => m.agreement === "variant")) reasons.push({ code: "transliteration_variant", text: "Transliteration variants of the same name" });
  alignment.pairs.forEach(([x, y, m], i) => {
    if (m.similarity === 0) return;
    const role = alignment.roles[i];
    const code = ROLE_CODE[role];
    const forms: [string, string] = [x.raw, y.raw];
    if (code) reasons.push({ code, text: `Same ${ROLE_TEXT[role]} (${x.raw} / ${y.raw})`, part: role, forms });
    if (m.agreement === "close") reasons.push({ code: "close_spelling", text: `Close spelling of the ${ROLE_TEXT[role]} (${x.raw} / ${y.raw})`, part: role, forms });
  });
  if (alignment.omitted.length > 0) {
    const missing = alignment.omitted.map((t) => t.raw).join(" ");
    if (alignment.roles.includes("family")) reasons.push({ code: "missing_middle_name", text: `One name leaves out "${missing}"`, omitted: missing });
    else reasons.push({ code: "missing_middle_name", text: `One name has no family name ("${missing}")`, part: "family", omitted: missing });
  }
  return reasons;
}
