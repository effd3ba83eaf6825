import "server-only";
import { and, asc, countDistinct, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claimPersons, claims, figures, persons, sources } from "@/db/schema";
import type { FigureMeasure, PersonRole } from "@/lib/vocabulary";
import type { Actor } from "@/lib/auth/permissions";
import { visibleClaimsWhere } from "@/lib/claims/scope";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/validation/parse";
import { ZFigureSeriesQuery } from "./schemas";
import { scopeKeyFromQuery } from "./scope-key";
import { tr } from "@/lib/i18n/translate";

/** The role in which a named person counts toward a measure; the displaced are not a role. */
const ROLE_OF_MEASURE: Record<FigureMeasure, PersonRole | null> = { killed: "victim", injured: "injured", missing: "missing", displaced: null };

/** The claims an actor may see, or UNAUTHORIZED: figures are only ever read through claims. */
function visibleScope(actor: Actor | null) {
  const scope = visibleClaimsWhere(actor);
  if (scope === null) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  return scope;
}

/**
 * Every figure of one measure and scope on claims the actor can see, as one series per source
 * over time; the current range across sources (each source's latest report); the latest report;
 * and how many distinct people are named in the matching role on those claims.
 */
export async function getFigureSeries(db: Db, actor: Actor | null, query: unknown) {
  const scope = visibleScope(actor);
  const { measure, scope: scopeParam } = parseInput(ZFigureSeriesQuery, query);
  const key = scopeKeyFromQuery(scopeParam);
  // Served by figures_scope_idx (measure, scope_key, as_of).
  const rows = await db
    .select({
      figureId: figures.id,
      claimId: figures.claimId,
      min: figures.valueMin,
      max: figures.valueMax,
      asOf: figures.asOf,
      place: figures.scopePlace,
      periodFrom: figures.scopePeriodFrom,
      periodTo: figures.scopePeriodTo,
      note: figures.note,
      sourceId: sources.id,
      sourceName: sources.name,
      reliability: sources.reliability,
      isProtected: sources.isProtected,
    })
    .from(figures)
    .innerJoin(claims, eq(claims.id, figures.claimId))
    .innerJoin(sources, eq(sources.id, figures.sourceId))
    .where(and(eq(figures.measure, measure), eq(figures.scopeKey, key), scope))
    .orderBy(asc(figures.asOf), asc(figures.createdAt), asc(figures.id));

  const bySource = new Map<string, { source: { id: string; name: string; reliability: string; protected: boolean }; points: { figureId: string; asOf: string; min: number; max: number; claimId: string; note: string | null }[] }>();
  for (const r of rows) {
    const entry = bySource.get(r.sourceId) ?? { source: { id: r.sourceId, name: r.sourceName, reliability: r.reliability, protected: r.isProtected }, points: [] };
    entry.points.push({ figureId: r.figureId, asOf: r.asOf, min: r.min, max: r.max, claimId: r.claimId, note: r.note });
    bySource.set(r.sourceId, entry);
  }
  // Rows come in as-of order, so each series' last point is its source's latest report, and
  // series are ordered by who reported first (stable colours as later reports arrive).
  const series = [...bySource.values()];
  const latestPerSource = series.map((s) => ({ source: s.source, ...s.points[s.points.length - 1] }));
  const latest = rows[rows.length - 1];
  const claimIds = [...new Set(rows.map((r) => r.claimId))];
  return {
    measure,
    scope: latest ? { key, place: latest.place, periodFrom: latest.periodFrom, periodTo: latest.periodTo } : { key, place: null, periodFrom: null, periodTo: null },
    series,
    current: latestPerSource.length
      ? { min: Math.min(...latestPerSource.map((p) => p.min)), max: Math.max(...latestPerSource.map((p) => p.max)), sources: latestPerSource.length }
      : null,
    latest: latest
      ? { min: latest.min, max: latest.max, asOf: latest.asOf, source: { id: latest.sourceId, name: latest.sourceName }, claimId: latest.claimId }
      : null,
    named: await countNamed(db, claimIds, ROLE_OF_MEASURE[measure]),
    figures: rows.length,
  };
}

export type FigureSeriesDto = Awaited<ReturnType<typeof getFigureSeries>>;

/**
 * Distinct people named on these claims in `role`, a merged person counted once as the person
 * it joined. Null when the measure has no role (displaced), so callers say nothing rather than 0.
 */
async function countNamed(db: Db, claimIds: string[], role: PersonRole | null): Promise<number | null> {
  if (role === null) return null;
  if (claimIds.length === 0) return 0;
  const [row] = await db
    .select({ n: countDistinct(sql`coalesce(${persons.mergedIntoId}, ${persons.id})`) })
    .from(claimPersons)
    .innerJoin(persons, eq(persons.id, claimPersons.personId))
    .where(and(inArray(claimPersons.claimId, claimIds), eq(claimPersons.role, role)));
  return Number(row?.n ?? 0);
}

/**
 * The distinct series the actor can see — measure and scope with their figure and source counts
 * — newest report first, for the figures index and the place suggestions of the form. Bounded:
 * a workspace documenting one crisis has tens of scopes, not thousands.
 */
export async function listFigureScopes(db: Db, actor: Actor | null, max = 500) {
  const scope = visibleScope(actor);
  const latestAsOf = sql<string>`max(${figures.asOf})::text`;
  const rows = await db
    .select({
      measure: figures.measure,
      key: figures.scopeKey,
      // The spelling most recently used for this scope: how people write it now.
      place: sql<string>`(array_agg(${figures.scopePlace} order by ${figures.createdAt} desc))[1]`,
      periodFrom: sql<string | null>`min(${figures.scopePeriodFrom})::text`,
      periodTo: sql<string | null>`min(${figures.scopePeriodTo})::text`,
      figures: sql<number>`count(*)::int`,
      sources: sql<number>`count(distinct ${figures.sourceId})::int`,
      latestAsOf,
    })
    .from(figures)
    .innerJoin(claims, eq(claims.id, figures.claimId))
    .where(scope)
    .groupBy(figures.measure, figures.scopeKey)
    .orderBy(desc(latestAsOf), asc(figures.measure), asc(figures.scopeKey))
    .limit(max);
  return rows.map((r) => ({ ...r, figures: Number(r.figures), sources: Number(r.sources) }));
}

export type FigureScopeDto = Awaited<ReturnType<typeof listFigureScopes>>[number];
