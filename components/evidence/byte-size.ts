import type { createFormatter, createTranslator } from "next-intl";
import { useFormatter, useTranslations } from "next-intl";
import type { Messages } from "@/lib/i18n/catalogues";

type EvidenceT = ReturnType<typeof createTranslator<Messages, "evidence">>;
type Formatter = ReturnType<typeof createFormatter>;

/** Bytes in the units people read, as lib/evidence/receive-format.ts `formatBytes` counts them: 512 bytes, 3.4 MB, 12 GB. */
function unitsOf(bytes: number): { value: number; digits: number; unit: "bytes" | "KB" | "MB" | "GB" | "TB" } {
  const units = ["bytes", "KB", "MB", "GB", "TB"] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return { value, digits: unit === 0 ? 0 : value < 10 ? 1 : 0, unit: units[unit] };
}

/** A size in the reader's words and digits ("3.4 MB", "3٫4 ميغابايت"), from a page's translator and formatter. */
export function byteSizeWith(t: EvidenceT, format: Formatter) {
  return (bytes: number) => {
    const { value, digits, unit } = unitsOf(bytes);
    return t("size", { value: format.number(value, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }), unit });
  };
}

/** `byteSizeWith` for components that are not async. */
export function useByteSize() {
  return byteSizeWith(useTranslations("evidence"), useFormatter());
}
