"use client";

import { useTranslations } from "next-intl";
import { KeyboardShortcuts, runMarkedShortcut } from "@/components/ui/shortcuts";

/** The claim's keys, each reaching what the page marks with its `data-shortcut` (nothing where the page offers none). */
const KEYS = [
  ["a", "accept"],
  ["r", "reject"],
  ["g", "grade"],
  ["c", "comment"],
] as const;

/**
 * A claim page's keyboard: `a` accepts (the accept button), `r` goes to the reject reason, `g` to
 * the grade, `c` to the comment field; `?` lists them. The forms mark their own controls, so a key
 * does nothing where the claim's state or the reader's role leaves that form out.
 */
export function ClaimShortcuts() {
  const t = useTranslations("claims.shortcuts");
  return <KeyboardShortcuts shortcuts={KEYS.map(([key, what]) => ({ key, label: t(what), run: () => void runMarkedShortcut(key) }))} />;
}
