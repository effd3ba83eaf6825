import "server-only";
import { and, count, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claimPersons, evidence } from "@/db/schema";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { findPublicSlug } from "./find-public-slug";
import { gatherSnapshotInputs } from "./gather-snapshot";
import { getPublicEntry, type PublicEntryDto } from "./public-entries";
import { buildPublicSnapshot, fingerprintPlan, slugFor } from "./snapshot";
import { changesBetween, changeTexts } from "./version-changes";
import { currentLocale } from "@/lib/i18n/translate";
import { type PendingCorrection, withPendingCorrection } from "@/lib/workflow/corrections";

/**
 * Exactly what publishing the claim (or its drafted correction) now would make public: the
 * snapshot built by the same code the transition uses, with the draft's changes applied, shown with the history it would join, plus counts of what
 * stays private. Writes nothing. For editors, who decide.
 */
export async function previewPublicEntry(db: Db, actor: Actor | null, claimId: string) {
  const claim = await findVisibleClaim(db, actor, claimId);
  assertCan(actor, "claims.publish");
  const publishing = withPendingCorrection(claim);
  const [inputs, existingSlug, [privatePersons]] = await Promise.all([
    gatherSnapshotInputs(db, publishing),
    findPublicSlug(db, claim.id),
    db.select({ n: count() }).from(claimPersons).where(and(eq(claimPersons.claimId, claim.id), eq(claimPersons.isPublic, false))),
  ]);
  const snapshot = buildPublicSnapshot(publishing, inputs);
  // Each item with bytes as the public would get it: its hash, its commitment, or nothing (issue 23).
  const plan = fingerprintPlan(inputs);
  const names = new Map(
    plan.length ? (await db.select({ id: evidence.id, name: evidence.originalFilename }).from(evidence).where(inArray(evidence.id, plan.map((p) => p.id)))).map((r) => [r.id, r.name]) : [],
  );
  const current = existingSlug ? await getPublicEntry(db, existingSlug) : null;
  const now = new Date().toISOString();
  // A drafted correction's reason is the change note it will be published with.
  const changeNote = (claim.pendingCorrection as PendingCorrection | null)?.reason ?? null;
  const slug = existingSlug ?? slugFor(claim);
  const entry: PublicEntryDto = {
    ...snapshot,
    translations: snapshot.translations ?? {},
    slug,
    url: `/entries/${slug}`,
    version: (current?.version ?? 0) + 1,
    change: current ? "correction" : "publication",
    changeNote,
    isRetracted: false,
    publishedAt: now,
  };
  return {
    entry: { ...entry, firstPublishedAt: current?.firstPublishedAt ?? now, history: [...(current?.history ?? []), { version: entry.version, change: entry.change, changeNote, publishedAt: now, snapshot }] },
    // Who publishing would name (only names marked publishable reach the snapshot), and how many stay private.
    named: (snapshot.persons ?? []).map((p) => ({ names: p.names, role: p.role })),
    /** How the new version would name each item: `hash`, `commitment` or `withheld`, and why. */
    fingerprints: plan.map((p) => ({ ...p, name: names.get(p.id) ?? null })),
    /** What the new version would change against the one the public reads now. */
    changes: changesBetween(current?.history.at(-1)?.snapshot ?? null, snapshot, changeTexts(currentLocale(), { isolate: true })),
    withheld: {
      privatePersons: Number(privatePersons?.n ?? 0),
      protectedSources: snapshot.origins?.origins.reduce((n, o) => n + o.withheldSources, 0) ?? 0,
      figuresWithoutSource: snapshot.figures?.filter((f) => !f.source).length ?? 0,
    },
  };
}
