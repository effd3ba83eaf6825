import "server-only";
import type { Db } from "@/db/connect";
import type { Actor } from "@/lib/auth/permissions";
import { getFigureSeries } from "./figure-series";
import { listClaimFigures } from "./list-claim-figures";

type ClaimFigures = Awaited<ReturnType<typeof listClaimFigures>>;

/**
 * What the claim page shows of figures: the claim's own figures, and for each series they belong
 * to, where that series stands across every claim and source the actor can see.
 */
export async function getClaimFiguresOverview(db: Db, actor: Actor | null, claimId: string) {
  return overviewOfFigures(db, actor, await listClaimFigures(db, actor, claimId));
}

/** The same, for a claim's figures already read (the claim page has them from `getClaimDetail`). */
export async function overviewOfFigures(db: Db, actor: Actor | null, figures: ClaimFigures) {
  const seen = new Map<string, { measure: ClaimFigures[number]["measure"]; key: string }>();
  for (const f of figures) seen.set(`${f.measure} ${f.scope.key}`, { measure: f.measure, key: f.scope.key });
  // A claim has a handful of scopes, so one indexed series query each is cheap.
  const series = await Promise.all([...seen.values()].map((s) => getFigureSeries(db, actor, { measure: s.measure, scope: s.key })));
  return { figures, series };
}

export type ClaimFiguresOverviewDto = Awaited<ReturnType<typeof getClaimFiguresOverview>>;
