import { z } from "zod";
import { messageRef } from "@/lib/i18n/message-ref";
import { zText } from "@/lib/validation/text";

/** A password a person chooses: 12 to 200 characters (as an admin's `createUser` asks). */
export const ZNewPassword = z
  .string()
  .min(12, messageRef("validation.atLeastCharacters", { min: 12 }))
  .max(200, messageRef("validation.atMostCharacters", { max: 200 }));

/** The new password typed twice: a typo would otherwise lock the person out. */
const NEW_PASSWORD_TWICE = { newPassword: ZNewPassword, confirmPassword: z.string().max(200) };
const typedAlike = (v: { newPassword: string; confirmPassword: string }) => v.newPassword === v.confirmPassword;
const TYPED_APART = { message: messageRef("validation.account.passwordsDiffer"), path: ["confirmPassword"] };

/** A person's own name (settings). */
export const ZRenameSelf = z.object({ name: zText(200) }).strict();
export type TRenameSelf = z.input<typeof ZRenameSelf>;

/** A password change from the settings: the current one proves it is the person at the keyboard. */
export const ZChangePassword = z
  .object({ currentPassword: z.string().min(1, messageRef("validation.required")).max(200), ...NEW_PASSWORD_TWICE })
  .strict()
  .refine(typedAlike, TYPED_APART);
export type TChangePassword = z.input<typeof ZChangePassword>;

/** A reset from an e-mailed link: the link is the proof. */
export const ZResetPassword = z
  .object({ token: z.string().max(100), ...NEW_PASSWORD_TWICE })
  .strict()
  .refine(typedAlike, TYPED_APART);
export type TResetPassword = z.input<typeof ZResetPassword>;

/** "Forgot your password?": an address. Only its shape is checked; whether anyone has it is never said. */
export const ZRequestReset = z.object({ email: z.string().trim().min(1, messageRef("validation.required")).max(254, messageRef("validation.atMostCharacters", { max: 254 })) }).strict();
export type TRequestReset = z.input<typeof ZRequestReset>;
