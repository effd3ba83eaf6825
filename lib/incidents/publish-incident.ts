import "server-only";
import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claims, incidentClaims, incidents, incidentVersions } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { canonicalJson } from "@/lib/audit/chain";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { assertCurrentVersion } from "@/lib/errors/conflict";
import { tr } from "@/lib/i18n/translate";
import { parseInput } from "@/lib/validation/parse";
import { findIncident } from "./dto";
import { getIncident } from "./get-incident";
import { buildIncidentSnapshot, incidentSlugFor } from "./public-snapshot";
import { ZPublishIncident } from "./schemas";

/**
 * Publish the incident's page as a new version, under the four-eyes rule: an editor other than the
 * last person to change it or what hangs from it (`changed_by_id`). It needs at least one
 * published claim (the page shows only what is public), and something public to change since its
 * last version (its own edits, or what its claims have published since).
 * The snapshot is built through the allowlist (./public-snapshot.ts) in the same transaction.
 */
export async function publishIncident(db: Db, actor: Actor | null, incidentId: string, input: unknown) {
  assertCan(actor, "incidents.publish");
  const { version } = parseInput(ZPublishIncident, input);
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const incident = await findIncident(tx, incidentId, { lock: true });
    assertCurrentVersion(version, incident.version, "incident");
    if (incident.changedById === actor.id) {
      throw new AppError("INVALID_STATE", tr("errors.incidents.fourEyes"), { guard: "four_eyes" });
    }
    const [published] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(incidentClaims)
      .innerJoin(claims, eq(claims.id, incidentClaims.claimId))
      .where(and(eq(incidentClaims.incidentId, incidentId), inArray(claims.state, ["published"])));
    // A first version needs something public to show; a later one may show that nothing is left
    // (its claims retracted): publishing it is how a withdrawn name leaves the page.
    if (!incident.publishedVersion && (!published || Number(published.n) === 0)) throw new AppError("INVALID_STATE", tr("errors.incidents.nothingPublished"), { guard: "nothing_published" });
    const slug = incident.slug ?? incidentSlugFor(incident);
    const snapshot = await buildIncidentSnapshot(tx, incident, slug);
    const snapshotJson = canonicalJson(snapshot) ?? "";
    // Nothing public would change (what its claims publish moves it too: a claim published since is a change).
    const [last] = incident.publishedVersion
      ? await tx.select({ snapshot: incidentVersions.snapshot }).from(incidentVersions).where(and(eq(incidentVersions.incidentId, incidentId), eq(incidentVersions.version, incident.publishedVersion)))
      : [];
    if (last && canonicalJson(last.snapshot) === snapshotJson) throw new AppError("INVALID_STATE", tr("errors.incidents.unchanged", { version: incident.publishedVersion ?? 0 }), { guard: "unchanged" });
    const next = (incident.publishedVersion ?? 0) + 1;
    await tx.insert(incidentVersions).values({ incidentId, version: next, snapshot, publishedById: actor.id });
    await tx.update(incidents).set({ state: "published", publishedVersion: next, slug }).where(eq(incidents.id, incidentId));
    await appendAuditEvent(tx, actor.id, {
      type: "incident.published",
      entity: { type: "incident", id: incidentId },
      data: { version: next, slug, snapshotSha256: createHash("sha256").update(snapshotJson).digest("hex") },
    });
  });
  return getIncident(db, actor, incidentId);
}
