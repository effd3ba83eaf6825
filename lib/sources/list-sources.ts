import "server-only";
import { and, asc, ilike, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { sources } from "@/db/schema";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { decodeCursor, encodeCursor, ZCursorText } from "@/lib/validation/cursor";
import { containsPattern } from "@/lib/validation/like";
import { parseInput } from "@/lib/validation/parse";
import { sourceColumns, toSourceDto } from "./get-source";
import { type TSourceQuery, ZSourceQuery } from "./schemas";
import { asText, asUuid, pastCursor } from "@/lib/validation/keyset";

/** The source registry by name, searchable, keyset-paginated. */
export async function listSources(db: Db, actor: Actor | null, query: TSourceQuery) {
  assertCan(actor, "sources.read");
  const { q, cursor, limit } = parseInput(ZSourceQuery, query);
  const after = decodeCursor(z.tuple([ZCursorText, z.uuid()]), cursor);
  const where: (SQL | undefined)[] = [];
  if (q) where.push(ilike(sources.name, containsPattern(q)));
  if (after) where.push(pastCursor([sources.name, sources.id], [asText(after[0]), asUuid(after[1])], "asc"));
  const rows = await db.select(sourceColumns).from(sources).where(and(...where)).orderBy(asc(sources.name), asc(sources.id)).limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toSourceDto),
    nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}

/** Every source's id, name and protection, for pickers (bounded). */
export async function listSourceOptions(db: Db, actor: Actor | null, max = 2000) {
  assertCan(actor, "sources.read");
  return db
    .select({ id: sources.id, name: sources.name, kind: sources.kind, isProtected: sources.isProtected })
    .from(sources)
    .orderBy(asc(sources.name), asc(sources.id))
    .limit(max);
}

export type SourceOption = Awaited<ReturnType<typeof listSourceOptions>>[number];
