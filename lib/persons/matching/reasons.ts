/**
 * Short sentences that tell a researcher why two names were matched, so a suggestion can be
 * checked rather than trusted.
 */
import { normaliseArabic } from "./arabic";
import type { PreparedName } from "./prepare";
import type { Alignment } from "./score";

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
export type MatchReason = { code: MatchReasonCode; text: string };

const ROLE = ["given name", "father's name", "grandfather's name"];

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
    const last = i === alignment.pairs.length - 1 && i > 0;
    const role = last ? "family name" : (ROLE[i] ?? "name");
    const code = last ? "same_family_name" : i === 0 ? "same_given_name" : i === 1 ? "same_father_name" : null;
    if (code) reasons.push({ code, text: `Same ${role} (${x.raw} / ${y.raw})` });
    if (m.agreement === "close") reasons.push({ code: "close_spelling", text: `Close spelling of the ${role} (${x.raw} / ${y.raw})` });
  });
  if (alignment.omitted.length > 0) {
    const missing = alignment.omitted.map((t) => t.raw).join(" ");
    reasons.push({ code: "missing_middle_name", text: `One name leaves out "${missing}"` });
  }
  return reasons;
}
