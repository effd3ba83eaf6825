import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor<T extends z.ZodType>(schema: T, cursor: string | undefined): z.infer<T> | null {
  if (!cursor) return null;
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new AppError("BAD_REQUEST", "The cursor is not valid.", { fieldErrors: { cursor: ["Invalid cursor."] } });
  }
}

export const ZLimit = z.coerce.number().int().min(1).max(100).default(25);
