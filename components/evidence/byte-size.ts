import type { createFormatter, createTranslator } from "next-intl";
import { useFormatter, useTranslations } from "next-intl";
import { sizeUnits } from "@/lib/evidence/receive-format";
import type { Messages } from "@/lib/i18n/catalogues";

type EvidenceT = ReturnType<typeof createTranslator<Messages, "evidence">>;
type Formatter = ReturnType<typeof createFormatter>;

/** A size in the reader's words and digits ("3.4 MB", "3٫4 ميغابايت"), from a page's translator and formatter. */
export function byteSizeWith(t: EvidenceT, format: Formatter) {
  return (bytes: number) => {
    const { value, decimals, unit } = sizeUnits(bytes);
    return t("size", { value: format.number(value, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: false }), unit });
  };
}

/** `byteSizeWith` for components that are not async. */
export function useByteSize() {
  return byteSizeWith(useTranslations("evidence"), useFormatter());
}
