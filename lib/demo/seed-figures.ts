import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { recordFigure } from "@/lib/figures/record-figure";
import type { Db } from "@/db/connect";

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
 * The demo casualty claim's history of figures, recorded while the claim is open (as reviewers
 * would), so the published entry carries them. `sourceIds` maps the reporting sources' names to
 * the ids the seed created.
 */
export async function seedFigures(db: Db, reviewer: Actor, claimId: string, sourceIds: Record<string, string>): Promise<void> {
  for (const r of REPORTS) {
    await recordFigure(db, reviewer, claimId, {
      measure: "killed",
      ...(Array.isArray(r.value) ? { valueMin: r.value[0], valueMax: r.value[1] } : { value: r.value }),
      ...DEMO_FIGURE_SCOPE,
      asOf: r.asOf,
      sourceId: sourceIds[r.source],
      note: r.note,
    });
  }
}
