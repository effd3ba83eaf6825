import "server-only";
import { asc, eq, inArray, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/connect";
import { citations, sources } from "@/db/schema";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { isUuid } from "@/lib/validation/uuid";
import { tr } from "@/lib/i18n/translate";

const affiliated = alias(sources, "affiliated");

export const sourceColumns = {
  id: sources.id,
  name: sources.name,
  kind: sources.kind,
  url: sources.url,
  handles: sources.handles,
  reliability: sources.reliability,
  reliabilityRationale: sources.reliabilityRationale,
  affiliatedWithId: sources.affiliatedWithId,
  isProtected: sources.isProtected,
  version: sources.version,
  createdAt: sources.createdAt,
};

/** A source as read with `sourceColumns`. */
export type SourceRow = Pick<typeof sources.$inferSelect, keyof typeof sourceColumns>;

export function toSourceDto(row: SourceRow) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    url: row.url,
    handles: row.handles,
    reliability: row.reliability,
    reliabilityRationale: row.reliabilityRationale,
    affiliatedWithId: row.affiliatedWithId,
    protected: row.isProtected,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A source with what it cites and who cites it. Workspace only: never a public read. */
export async function getSource(db: Db, actor: Actor | null, sourceId: string) {
  assertCan(actor, "sources.read");
  if (!isUuid(sourceId)) throw new AppError("NOT_FOUND", tr("errors.sources.notFound"));
  const [row] = await db
    .select({ ...sourceColumns, affiliatedWithName: affiliated.name })
    .from(sources)
    .leftJoin(affiliated, eq(affiliated.id, sources.affiliatedWithId))
    .where(eq(sources.id, sourceId));
  if (!row) throw new AppError("NOT_FOUND", tr("errors.sources.notFound"));
  const edges = await db
    .select({ sourceId: citations.sourceId, citesSourceId: citations.citesSourceId })
    .from(citations)
    .where(or(eq(citations.sourceId, sourceId), eq(citations.citesSourceId, sourceId)));
  const otherIds = [...new Set(edges.map((e) => (e.sourceId === sourceId ? e.citesSourceId : e.sourceId)))];
  const names = new Map(
    otherIds.length
      ? (await db.select({ id: sources.id, name: sources.name }).from(sources).where(inArray(sources.id, otherIds)).orderBy(asc(sources.name))).map((s) => [s.id, s.name])
      : [],
  );
  return {
    ...toSourceDto(row),
    affiliatedWith: row.affiliatedWithId ? { id: row.affiliatedWithId, name: row.affiliatedWithName ?? "" } : null,
    cites: edges.filter((e) => e.sourceId === sourceId).map((e) => ({ id: e.citesSourceId, name: names.get(e.citesSourceId) ?? "" })),
    citedBy: edges.filter((e) => e.citesSourceId === sourceId).map((e) => ({ id: e.sourceId, name: names.get(e.sourceId) ?? "" })),
  };
}

export type SourceDetailDto = Awaited<ReturnType<typeof getSource>>;
