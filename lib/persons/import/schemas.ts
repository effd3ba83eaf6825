import { z } from "zod";
import { ZPersonRole } from "../schemas";
import { MAX_LIST_BYTES, MAX_LIST_ROWS } from "./parse-list";

/** The list itself plus the decisions on its groups. */
export const IMPORT_MAX_BYTES = MAX_LIST_BYTES + 4 * 1024 * 1024;

const ZListText = z
  .string({ error: "Paste the list or choose a CSV file." })
  .min(1, "Paste the list or choose a CSV file.")
  .refine((t) => Buffer.byteLength(t) <= MAX_LIST_BYTES, `At most ${MAX_LIST_BYTES / 1024 / 1024} MB.`)
  .refine((t) => t.trim().length > 0, "The list is empty.")
  .refine((t) => !t.includes("\u0000") && t.isWellFormed(), "The list contains characters that are not text.");

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
            personId: z.uuid("Not a person id.").nullable(),
            rejected: z.array(z.uuid("Not a person id.")).max(20).optional(),
          })
          .strict(),
      )
      .min(1, "Nothing to import.")
      .max(MAX_LIST_ROWS),
  })
  .strict();
export type TCommitImport = z.input<typeof ZCommitImport>;
