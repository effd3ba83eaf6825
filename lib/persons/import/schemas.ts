import { z } from "zod";
import { ZPersonRole } from "../schemas";
import { MAX_LIST_BYTES, MAX_LIST_ROWS } from "./limits";
import { messageRef } from "@/lib/i18n/message-ref";

/** The list itself plus the decisions on its groups. */
export const IMPORT_MAX_BYTES = MAX_LIST_BYTES + 4 * 1024 * 1024;

const ZListText = z
  .string({ error: messageRef("validation.persons.pasteList") })
  .min(1, messageRef("validation.persons.pasteList"))
  .refine((t) => Buffer.byteLength(t) <= MAX_LIST_BYTES, messageRef("validation.persons.listTooBig", { megabytes: MAX_LIST_BYTES / 1024 / 1024 }))
  .refine((t) => t.trim().length > 0, messageRef("validation.persons.listEmpty"))
  .refine((t) => !t.includes("\u0000") && t.isWellFormed(), messageRef("validation.persons.listNotText"));

export const ZPreviewImport = z.object({ role: ZPersonRole, text: ZListText }).strict();
export type TPreviewImport = z.input<typeof ZPreviewImport>;

/**
 * The person's decisions on a preview: the rows grouped as one person each (as proposed, or split
 * apart), and for each group the stored person it is (a confirmed match) or null for a new person.
 * `rejected` names the stored persons the person said it is not, for the audit log.
 */
export const ZCommitImport = z
  .object({
    role: ZPersonRole,
    text: ZListText,
    groups: z
      .array(
        z
          .object({
            rows: z.array(z.number().int().positive()).min(1).max(MAX_LIST_ROWS),
            personId: z.uuid(messageRef("validation.notPersonId")).nullable(),
            rejected: z.array(z.uuid(messageRef("validation.notPersonId"))).max(20).optional(),
          })
          .strict(),
      )
      .min(1, messageRef("validation.persons.nothingToImport"))
      .max(MAX_LIST_ROWS),
  })
  .strict();
export type TCommitImport = z.input<typeof ZCommitImport>;
