import { z } from "zod";
import { messageRef } from "@/lib/i18n/message-ref";

const DECIMAL = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*$/;

/**
 * A number as JSON sends it, or as a form field's text ("3", " 12 "). Only decimal text is read
 * as a number: `z.coerce.number()` also took `true` as 1, `[3]` as 3, `null`, `""` or `" "` as 0
 * and "0x10" as 16, so a JSON body of the wrong type was obeyed instead of refused.
 */
export function zNumeric<T extends z.ZodType<number>>(schema: T) {
  return z.preprocess((v) => (typeof v === "string" && DECIMAL.test(v) ? Number(v) : v), schema);
}

/** The claim version a change was made on (optimistic concurrency), from JSON or a form's hidden field. */
export const ZClaimVersion = zNumeric(z.number({ error: messageRef("validation.claimVersion") }).int().positive());
