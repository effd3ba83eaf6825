import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor<T extends z.ZodType>(schema: T, cursor: string | undefined): z.infer<T> | null {
  if (!cursor) return null;
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new AppError("BAD_REQUEST", tr("errors.api.badCursor"), { fieldErrors: { cursor: [tr("errors.api.badCursorField")] } });
  }
}

export const ZLimit = z.coerce.number().int().min(1).max(100).default(25);

/**
 * The parts of a cursor that reach SQL as parameters, held to what the server itself writes: a
 * client can send any base64, and a timestamp in year 0 (which PostgreSQL does not have) or a
 * name with a NUL (which its text cannot hold) would fail in the database, a 500, not a 400.
 */
export const ZCursorTimestamp = z.iso.datetime().refine((s) => !s.startsWith("0000"));
export const ZCursorText = z.string().max(1000).refine((s) => !s.includes("\u0000") && s.isWellFormed());
