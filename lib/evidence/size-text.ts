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
  const amount = formatterNow().number(unit === 0 ? bytes : value, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: false });
  return tr("errors.units.size", { amount, unit: UNITS[unit] });
}
