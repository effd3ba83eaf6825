import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import type { Actor } from "@/lib/auth/permissions";
import { insertFigure } from "@/lib/figures/record-figure";
import { ZRecordFigure } from "@/lib/figures/schemas";
import { parseInput } from "@/lib/validation/parse";
import type { Db } from "./connect";
import { claims, figures, sources } from "./schema";

export const DEMO_FIGURE_SCOPE = { scopePlace: "Syrian coast (Latakia, Tartus, Hama countryside)", scopePeriodFrom: "2025-03-06", scopePeriodTo: "2025-03-10" };

// Illustrative counts in the shape of March 2025's reporting: the monitor's rising toll, a wire
// service giving ranges, a regional site's own tally. Not a record of what each outlet said.
const REPORTS: { source: string; asOf: string; value: number | [number, number]; note?: string }[] = [
  { source: "UK-based Syrian monitor", asOf: "2025-03-08", value: 745 },
  { source: "UK-based Syrian monitor", asOf: "2025-03-09", value: 1018 },
  { source: "UK-based Syrian monitor", asOf: "2025-03-10", value: 1130 },
  { source: "UK-based Syrian monitor", asOf: "2025-03-12", value: 1383, note: "Expected to rise." },
  { source: "International wire", asOf: "2025-03-09", value: [600, 1000], note: "Citing medical and local sources." },
  { source: "International wire", asOf: "2025-03-11", value: [1000, 1300] },
  { source: "International wire", asOf: "2025-03-14", value: [1300, 1500] },
  { source: "Regional news site", asOf: "2025-03-10", value: 803 },
  { source: "Regional news site", asOf: "2025-03-12", value: 1225 },
  { source: "Regional news site", asOf: "2025-03-13", value: 1411 },
];

/**
 * The demo casualty claim's history of figures. Written with the same insert and audit event as
 * `recordFigure`, but without its open-claim guard: in the demo that claim is already published,
 * and these stand for what reviewers recorded while it was open. Idempotent: nothing happens when
 * the claim already has figures, or when there is no such claim or source.
 */
export async function seedFigures(db: Db, reviewer: Actor): Promise<void> {
  const [claim] = await db
    .select({ id: claims.id })
    .from(claims)
    .where(eq(claims.kind, "casualty_count"))
    .orderBy(asc(claims.createdAt))
    .limit(1);
  if (!claim) return;
  const [existing] = await db.select({ id: figures.id }).from(figures).where(eq(figures.claimId, claim.id)).limit(1);
  if (existing) return;
  const names = [...new Set(REPORTS.map((r) => r.source))];
  const found = await db.select({ id: sources.id, name: sources.name }).from(sources).where(inArray(sources.name, names));
  const idOf = new Map(found.map((s) => [s.name, s.id]));
  if (names.some((n) => !idOf.has(n))) return;
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    for (const r of REPORTS) {
      const data = parseInput(ZRecordFigure, {
        measure: "killed",
        ...(Array.isArray(r.value) ? { valueMin: r.value[0], valueMax: r.value[1] } : { value: r.value }),
        ...DEMO_FIGURE_SCOPE,
        asOf: r.asOf,
        sourceId: idOf.get(r.source),
        note: r.note,
      });
      await insertFigure(tx, reviewer.id, claim.id, data);
    }
  });
}
