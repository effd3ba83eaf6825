import "server-only";
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { incidents, incidentVersions, publishedEntries } from "@/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { messageRef } from "@/lib/i18n/message-ref";
import { tr } from "@/lib/i18n/translate";
import { decodeCursor, encodeCursor, ZLimit } from "@/lib/validation/cursor";
import { asUuid, pastCursor } from "@/lib/validation/keyset";
import { parseInput } from "@/lib/validation/parse";
import { INCIDENT_TYPES } from "@/lib/vocabulary";
import type { PublicIncidentSnapshot } from "./public-snapshot";
import { ZIncidentCursor } from "./schemas";

export const ZPublicIncidentsQuery = z.object({
  type: z.preprocess((v) => (v === "" ? undefined : v), z.enum(INCIDENT_TYPES, { error: messageRef("validation.useOneOf", { options: INCIDENT_TYPES.join(", ") }) }).optional()),
  cursor: z.string().max(300).optional(),
  limit: ZLimit,
});
export type TPublicIncidentsQuery = z.input<typeof ZPublicIncidentsQuery>;

/** Published incidents, newest first by start date, each as its newest published version says; keyset-paged. */
export async function listPublicIncidents(db: Db, query: unknown) {
  const { type, cursor, limit } = parseInput(ZPublicIncidentsQuery, query);
  const after = decodeCursor(ZIncidentCursor, cursor);
  const where: (SQL | undefined)[] = [eq(incidents.state, "published")];
  if (type) where.push(eq(incidents.type, type));
  if (after) where.push(pastCursor([incidents.startDate, incidents.id], [sql`${after[0]}::date`, asUuid(after[1])], "desc"));
  // The page first (incidents_published_start_idx), then its versions by their key: joined in one
  // statement, the planner misjudges how many pairs match and hashes every version instead.
  const rows = await db
    .select({ id: incidents.id, startDate: incidents.startDate, publishedVersion: incidents.publishedVersion })
    .from(incidents)
    .where(and(...where))
    .orderBy(desc(incidents.startDate), desc(incidents.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const versions = page.length
    ? await db
        .select({ incidentId: incidentVersions.incidentId, version: incidentVersions.version, publishedAt: incidentVersions.publishedAt, snapshot: incidentVersions.snapshot })
        .from(incidentVersions)
        .where(inArray(incidentVersions.incidentId, page.map((r) => r.id)))
    : [];
  const published = new Map(versions.map((v) => [`${v.incidentId} ${v.version}`, v]));
  return {
    items: page.flatMap((r) => {
      const v = published.get(`${r.id} ${r.publishedVersion}`);
      return v ? [{ ...(v.snapshot as PublicIncidentSnapshot), version: v.version, publishedAt: v.publishedAt.toISOString() }] : [];
    }),
    nextCursor: rows.length > limit && last ? encodeCursor([last.startDate, last.id]) : null,
  };
}

/** A published incident by its address: its newest version, and when each version was published. */
export async function getPublicIncident(db: Db, slug: string) {
  const [incident] = await db.select({ id: incidents.id }).from(incidents).where(and(eq(incidents.slug, slug), eq(incidents.state, "published")));
  if (!incident) throw new AppError("NOT_FOUND", tr("errors.incidents.notFound"));
  const versions = await db
    .select({ version: incidentVersions.version, publishedAt: incidentVersions.publishedAt, snapshot: incidentVersions.snapshot })
    .from(incidentVersions)
    .where(eq(incidentVersions.incidentId, incident.id))
    .orderBy(asc(incidentVersions.version));
  const newest = versions[versions.length - 1];
  const snapshot = newest.snapshot as PublicIncidentSnapshot;
  // An entry it cites retracted since this version: said on the page until the next version drops it.
  const slugs = snapshot.claims.map((c) => c.slug);
  const retracted = new Set(
    slugs.length
      ? (
          await db
            .selectDistinctOn([publishedEntries.slug], { slug: publishedEntries.slug, change: publishedEntries.change })
            .from(publishedEntries)
            .where(inArray(publishedEntries.slug, slugs))
            .orderBy(publishedEntries.slug, desc(publishedEntries.versionNumber))
        )
          .filter((e) => e.change === "retraction")
          .map((e) => e.slug)
      : [],
  );
  return {
    ...snapshot,
    claims: snapshot.claims.map((c) => ({ ...c, retracted: retracted.has(c.slug) })),
    version: newest.version,
    publishedAt: newest.publishedAt.toISOString(),
    versions: versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt.toISOString() })),
  };
}

export type PublicIncident = Awaited<ReturnType<typeof getPublicIncident>>;
