import "server-only";
import { DEFAULT_LOCALE } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translate";

/**
 * What a capture leaves on record is written in one language, as the audit log is: its refusals
 * (the custody trail keeps them raw) and the failure reason stored on the item. A capture runs in
 * the job worker for no reader in particular; the reader's language comes in where the reason is
 * shown (`captureFailureText`, ./failure-reason.ts).
 */
export const sayForRecord = translatorFor(DEFAULT_LOCALE);
