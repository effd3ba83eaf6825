import { z } from "zod";
import { ROLES } from "@/lib/vocabulary";
import { zText } from "@/lib/validation/text";
import { messageRef } from "@/lib/i18n/message-ref";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, messageRef("validation.atMostCharacters", { max: 254 }))
  .pipe(z.email(messageRef("validation.notEmail")));

export const ZCreateUser = z.object({
  email: ZEmail,
  name: zText(200),
  role: z.enum(ROLES),
  password: z.string().min(12, messageRef("validation.atLeastCharacters", { min: 12 })).max(200, messageRef("validation.atMostCharacters", { max: 200 })),
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
  .refine((v) => v.role !== undefined || v.isActive !== undefined, { message: messageRef("validation.users.roleOrActive"), path: ["role"] });
export type TUpdateUser = z.input<typeof ZUpdateUser>;
