import "server-only";
import { inArray, type SQL, sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/connect";
import { evidence, phashBands } from "@/db/schema";

/**
 * Near-duplicate search over 64-bit perceptual hashes.
 *
 * Threshold: measured on generated photographs-like scenes (lib/evidence/phash.test.ts prints
 * the figures): re-encoding, halving, a watermark and a 5 % crop — alone or all together — moved at
 * most 14 bits; unrelated images differed by at least 18 (median 30). So a distance ≤ 14 is "looks
 * like".
 *
 * Index: multi-index hashing (Norouzi et al.). The hash is cut into four 16-bit bands, each row
 * indexed on (band, value). Two hashes within 14 bits differ by at most 3 bits in at least one band
 * (pigeonhole: 4 × 4 > 14), so probing, for each band, every value within 3 bits of ours (697
 * values) finds every match through the index; the exact distance is then checked on those
 * candidates only, from the index itself (it includes the whole hash). Nothing scans all hashes:
 * `npm run bench:near-duplicates -- --hashes 1000000` measures it against a full scan.
 */
export const NEAR_DUPLICATE_THRESHOLD = 14;
const BANDS = 4;
const BAND_BITS = 16;
const BAND_RADIUS = 3;

export function bandsOf(phash: string): number[] {
  const value = BigInt(`0x${phash}`);
  return Array.from({ length: BANDS }, (_, i) => Number((value >> BigInt((BANDS - 1 - i) * BAND_BITS)) & 0xffffn));
}

/** All 16-bit values within `radius` bits of `value`. */
export function neighbours(value: number, radius = BAND_RADIUS): number[] {
  const out = [value];
  const visit = (current: number, start: number, depth: number) => {
    if (depth === radius) return;
    for (let bit = start; bit < BAND_BITS; bit++) {
      const flipped = current ^ (1 << bit);
      out.push(flipped);
      visit(flipped, bit + 1, depth + 1);
    }
  };
  visit(value, 0, 0);
  return out;
}

/** The hash as PostgreSQL's signed bigint. */
export function hashAsBigint(phash: string): bigint {
  return BigInt.asIntN(64, BigInt(`0x${phash}`));
}

export function bandRows(evidenceId: string, derivativeId: string | null, phash: string) {
  const hash = hashAsBigint(phash);
  return bandsOf(phash).map((value, band) => ({ evidenceId, derivativeId, hash, band, value }));
}

export type Similar = { evidenceId: string; claimId: string; distance: number };

/**
 * Evidence that looks like any of `hashes` (an image's hash, or a video's keyframe hashes),
 * nearest first, leaving out `excludeEvidenceId` itself.
 */
export async function findSimilarEvidence(db: Db, hashes: string[], excludeEvidenceId: string, limit = 20): Promise<Similar[]> {
  if (hashes.length === 0) return [];
  // One index-only scan per (hash, band), each probing its band values as one array parameter;
  // UNION ALL keeps them index-only (an OR would read the table's pages).
  const probes: SQL[] = [];
  for (const hash of hashes) {
    bandsOf(hash).forEach((value, band) => {
      probes.push(
        sql`select ${phashBands.evidenceId} as evidence_id, ${phashBands.hash} as hash from ${phashBands} where ${phashBands.band} = ${band} and ${phashBands.value} = any(${`{${neighbours(value).join(",")}}`}::int[])`,
      );
    });
  }
  const distances = hashes.map((hash) => sql`bit_count((candidates.hash # ${hashAsBigint(hash).toString()}::bigint)::bit(64))`);
  const distance = distances.length === 1 ? distances[0] : sql`least(${sql.join(distances, sql`, `)})`;
  const result = await db.execute(sql`
    select candidates.evidence_id as "evidenceId", min(${distance})::int as distance
    from (${sql.join(probes, sql` union all `)}) as candidates
    where candidates.evidence_id <> ${excludeEvidenceId}
    group by candidates.evidence_id
    having min(${distance}) <= ${NEAR_DUPLICATE_THRESHOLD}
    order by 2
    limit ${limit}`);
  const matches = rowsOf<{ evidenceId: string; distance: number }>(result).map((r) => ({
    evidenceId: r.evidenceId,
    distance: Number(r.distance),
  }));
  if (matches.length === 0) return [];
  const claimOf = new Map(
    (
      await db
        .select({ id: evidence.id, claimId: evidence.claimId })
        .from(evidence)
        .where(inArray(evidence.id, matches.map((m) => m.evidenceId)))
    ).map((r) => [r.id, r.claimId]),
  );
  const rows = matches.map((m) => ({ evidenceId: m.evidenceId, claimId: claimOf.get(m.evidenceId)!, distance: m.distance }));
  return rows.map((r) => ({ ...r, distance: Number(r.distance) }));
}
