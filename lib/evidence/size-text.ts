import "server-only";
import { formatterNow, tr } from "@/lib/i18n/translate";

const UNITS = ["bytes", "KB", "MB", "GB", "TB"] as const;

/**
 * A size as ./receive-format.ts's `formatBytes` writes it (512 bytes, 3.4 MB, 20 MB), in the
 * request's language and digits: for the messages lib/ writes.
 */
export function sizeText(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const decimals = unit > 0 && value < 10 ? 1 : 0;
  // Rounded as formatBytes rounds (toFixed, on the binary value: 5.55 MB is "5.5"), then written in the reader's digits.
  const rounded = Number((unit === 0 ? bytes : value).toFixed(decimals));
  const amount = formatterNow().number(rounded, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: false });
  return tr("errors.units.size", { amount, unit: UNITS[unit] });
}
