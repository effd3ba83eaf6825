import "server-only";
import { figures, sources } from "@/db/schema";

/** The columns a figure is read with (joined to its source): never the whole row. */
export const figureColumns = {
  id: figures.id,
  claimId: figures.claimId,
  measure: figures.measure,
  valueMin: figures.valueMin,
  valueMax: figures.valueMax,
  atLeast: figures.atLeast,
  scopePlace: figures.scopePlace,
  scopePeriodFrom: figures.scopePeriodFrom,
  scopePeriodTo: figures.scopePeriodTo,
  scopeKey: figures.scopeKey,
  asOf: figures.asOf,
  note: figures.note,
  createdAt: figures.createdAt,
  sourceId: sources.id,
  sourceName: sources.name,
  sourceReliability: sources.reliability,
  sourceProtected: sources.isProtected,
};

type FigureRow = {
  [K in keyof typeof figureColumns]: (typeof figureColumns)[K]["_"]["notNull"] extends true
    ? (typeof figureColumns)[K]["_"]["data"]
    : (typeof figureColumns)[K]["_"]["data"] | null;
};

export function toFigureDto(row: FigureRow) {
  return {
    id: row.id,
    claimId: row.claimId,
    measure: row.measure,
    valueMin: row.valueMin,
    valueMax: row.valueMax,
    atLeast: row.atLeast,
    scope: { place: row.scopePlace, periodFrom: row.scopePeriodFrom, periodTo: row.scopePeriodTo, key: row.scopeKey },
    asOf: row.asOf,
    source: { id: row.sourceId, name: row.sourceName, reliability: row.sourceReliability, protected: row.sourceProtected },
    note: row.note,
    createdAt: row.createdAt.toISOString(),
  };
}

export type FigureDto = ReturnType<typeof toFigureDto>;
