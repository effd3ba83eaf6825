import "server-only";
import { and, desc, isNull, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { persons } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { decodeCursor, encodeCursor, ZCursorTimestamp, ZLimit } from "@/lib/validation/cursor";
import { parseInput } from "@/lib/validation/parse";
import { loadPersons } from "./dto";
import { visiblePersonsWhere } from "./scope";
import { asTimestamp, asUuid, pastCursor } from "@/lib/validation/keyset";
import { tr } from "@/lib/i18n/translate";

export const ZPersonQuery = z.object({ cursor: z.string().max(300).optional(), limit: ZLimit });

/** The persons the actor may see, newest first, merged ones left out (they answer as another). */
export async function listPersons(db: Db, actor: Actor | null, query: z.input<typeof ZPersonQuery>) {
  const { cursor, limit } = parseInput(ZPersonQuery, query);
  const scope = visiblePersonsWhere(actor);
  if (scope === null) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const after = decodeCursor(z.tuple([ZCursorTimestamp, z.uuid()]), cursor);
  const where: (SQL | undefined)[] = [isNull(persons.mergedIntoId), scope];
  if (after) {
    const at = new Date(after[0]);
    where.push(pastCursor([persons.createdAt, persons.id], [asTimestamp(at), asUuid(after[1])], "desc"));
  }
  const rows = await db
    .select({ id: persons.id, createdAt: persons.createdAt })
    .from(persons)
    .where(and(...where))
    .orderBy(desc(persons.createdAt), desc(persons.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await loadPersons(db, page.map((r) => r.id)),
    nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}
