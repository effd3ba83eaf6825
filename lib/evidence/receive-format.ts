export const SIZE_UNITS = ["bytes", "KB", "MB", "GB", "TB"] as const;

/**
 * A size in the units people read: the value, its unit and how many decimals to show (one below
 * 10 of a unit, none for bytes or above). Every writer of sizes counts through it: `formatBytes`
 * (English, for logs and the command line), lib/'s messages (`sizeText`) and the pages
 * (components/evidence/byte-size.ts), which say it in the reader's language and digits.
 */
export function sizeUnits(bytes: number): { value: number; decimals: number; unit: (typeof SIZE_UNITS)[number] } {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? { value: bytes, decimals: 0, unit: "bytes" } : { value, decimals: value < 10 ? 1 : 0, unit: SIZE_UNITS[unit] };
}

/** Bytes in the units people read: 512 bytes, 3.4 MB, 1.2 GB. */
export function formatBytes(bytes: number): string {
  const { value, decimals, unit } = sizeUnits(bytes);
  return `${value.toFixed(decimals)} ${unit}`;
}
