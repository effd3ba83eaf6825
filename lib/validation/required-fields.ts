import type { z } from "zod";

/**
 * The fields of an object schema that cannot be left out: those whose schema refuses `undefined`,
 * which is what an empty form field becomes. Forms mark these before anything is sent, from the
 * schema the server checks them with, so the mark and the refusal never disagree.
 */
export function requiredFieldsOf(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([name]) => name);
}
