import { z } from "zod";
import { ROLES } from "@/lib/vocabulary";
import { zText } from "@/lib/validation/text";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "At most 254 characters.")
  .pipe(z.email("Not an e-mail address."));

export const ZCreateUser = z.object({
  email: ZEmail,
  name: zText(200),
  role: z.enum(ROLES),
  password: z.string().min(12, "At least 12 characters.").max(200, "At most 200 characters."),
});
export type TCreateUser = z.input<typeof ZCreateUser>;

export const ZCreateToken = z.object({
  email: ZEmail,
  label: zText(100).default("API token"),
});
export type TCreateToken = z.input<typeof ZCreateToken>;

/** An admin's change to a user: a new role, or (de)activation. At least one of them. */
export const ZUpdateUser = z
  .object({ email: ZEmail, role: z.enum(ROLES).optional(), isActive: z.boolean().optional() })
  .strict()
  .refine((v) => v.role !== undefined || v.isActive !== undefined, { message: "Give a role or an active flag to change.", path: ["role"] });
export type TUpdateUser = z.input<typeof ZUpdateUser>;
