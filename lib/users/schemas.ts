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

/** How long a token lives, in days (null: until revoked). */
const ZExpiresInDays = z.number().int().min(1, messageRef("validation.atLeast", { min: 1 })).max(366, messageRef("validation.atMost", { max: 366 })).nullable();

/** A person's own token (settings, the API): 90 days unless they choose, optionally read-only. */
export const ZCreateOwnToken = z
  .object({
    label: zText(100).default("API token"),
    readOnly: z.boolean().default(false),
    expiresInDays: ZExpiresInDays.default(90),
  })
  .strict();
export type TCreateOwnToken = z.input<typeof ZCreateOwnToken>;

/** An admin's token for a person, by e-mail (the command line's never expires unless it says so). */
export const ZCreateToken = ZCreateOwnToken.extend({ email: ZEmail, expiresInDays: ZExpiresInDays.default(null) });
export type TCreateToken = z.input<typeof ZCreateToken>;

/** An admin's change to a user: a new role, or (de)activation. At least one of them. */
export const ZUpdateUser = z
  .object({ email: ZEmail, role: z.enum(ROLES).optional(), isActive: z.boolean().optional() })
  .strict()
  .refine((v) => v.role !== undefined || v.isActive !== undefined, { message: messageRef("validation.users.roleOrActive"), path: ["role"] });
export type TUpdateUser = z.input<typeof ZUpdateUser>;
