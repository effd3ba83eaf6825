import { z } from "zod";
import { ROLES, USER_STATUSES } from "@/lib/vocabulary";
import { ZLimit } from "@/lib/validation/cursor";
import { zOptionalText, zText } from "@/lib/validation/text";
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

/** The people list's query: a search on name or e-mail, a status, a page (other parameters are ignored, as every list's are). */
export const ZUserQuery = z.object({ q: zOptionalText(200), status: z.enum(USER_STATUSES).optional(), cursor: z.string().max(300).optional(), limit: ZLimit });
export type TUserQuery = z.input<typeof ZUserQuery>;

/** An invitation: an address and the role it joins with (the name is the person's to give when they accept). */
export const ZInviteUser = z.object({ email: ZEmail, role: z.enum(ROLES), name: zOptionalText(200) }).strict();
export type TInviteUser = z.input<typeof ZInviteUser>;

/** An admin's change to a person, by id: a role, (de)activation, a name. At least one of them. */
export const ZChangeUser = z
  .object({ role: z.enum(ROLES).optional(), active: z.boolean().optional(), name: zText(200).optional() })
  .strict()
  .refine((v) => v.role !== undefined || v.active !== undefined || v.name !== undefined, { message: messageRef("validation.users.somethingToChange"), path: ["role"] });
export type TChangeUser = z.input<typeof ZChangeUser>;

const ZNewPassword = z.string().min(12, messageRef("validation.atLeastCharacters", { min: 12 })).max(200, messageRef("validation.atMostCharacters", { max: 200 }));

/** Accepting an invitation: the link's token, a password (typed twice), and the name to be known by. */
export const ZAcceptInvitation = z
  .object({ token: z.string().max(100), name: zText(200), password: ZNewPassword, passwordAgain: z.string().max(200) })
  .strict()
  .refine((v) => v.password === v.passwordAgain, { message: messageRef("validation.users.passwordsDiffer"), path: ["passwordAgain"] });
export type TAcceptInvitation = z.input<typeof ZAcceptInvitation>;

/** The outbox's page: newest first. */
export const ZOutboxQuery = z.object({ cursor: z.string().max(300).optional(), limit: ZLimit }).strict();
export type TOutboxQuery = z.input<typeof ZOutboxQuery>;
