import { z } from "zod";

export const ZCaptureRequest = z
  .object({
    url: z
      .string()
      .trim()
      .max(2000, "At most 2000 characters.")
      .url("Not a URL.")
      .refine((u) => /^https?:\/\//i.test(u), "Use an http or https address."),
  })
  .strict();
export type TCaptureRequest = z.input<typeof ZCaptureRequest>;

export const ZMarkSensitivity = z
  .object({
    isGraphic: z.boolean(),
    hasPersonalData: z.boolean(),
    version: z.number().int().positive(),
  })
  .strict();
export type TMarkSensitivity = z.input<typeof ZMarkSensitivity>;
