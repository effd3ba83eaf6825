import type { Formats } from "next-intl";

/**
 * The named formats of dates and numbers, the same in every language (each language's words and
 * digits come from its locale). Dates are written out ("12 March 2025", "١٢ مارس ٢٠٢٥"): never
 * 03/12 or 12/03, which readers of different countries read differently. Times are UTC and say so.
 */
export const FORMATS = {
  dateTime: {
    date: { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" },
    dateTime: { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short", timeZone: "UTC" },
    dayMonth: { day: "numeric", month: "short", timeZone: "UTC" },
  },
  number: {},
} satisfies Formats;
