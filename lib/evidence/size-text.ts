import "server-only";
import { formatterNow, tr } from "@/lib/i18n/translate";
import { sizeUnits } from "./receive-format";

/**
 * A size as ./receive-format.ts's `formatBytes` writes it (512 bytes, 3.4 MB, 20 MB), in the
 * request's language and digits: for the messages lib/ writes.
 */
export function sizeText(bytes: number): string {
  const { value, decimals, unit } = sizeUnits(bytes);
  // Rounded as formatBytes rounds (toFixed, on the binary value: 5.55 MB is "5.5"), then written in the reader's digits.
  const amount = formatterNow().number(Number(value.toFixed(decimals)), { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: false });
  return tr("errors.units.size", { amount, unit });
}
