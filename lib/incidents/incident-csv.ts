import "server-only";
import type { Db } from "@/db/connect";
import { csvLine, UTF8_BOM } from "@/lib/publishing/csv";
import { listPublicIncidents } from "./public-incidents";
import type { PublicIncidentSnapshot } from "./public-snapshot";

/** The published incidents as one table: what happened, where, when, and the tally. */
export const INCIDENT_CSV_COLUMNS = [
  "slug",
  "url",
  "title",
  "title_translations",
  "type",
  "place",
  "place_precision",
  "latitude",
  "longitude",
  "start_date",
  "end_date",
  "date_precision",
  "parent_slug",
  "victims_recorded",
  "victims_named",
  "reported_low",
  "reported_high",
  "reported_at_least",
  "reported_from",
  "sources_disagree",
  "version",
] as const;

/** One named victim per row, to the Every Casualty Counts standard's minimum. */
export const VICTIM_CSV_COLUMNS = ["incident_slug", "names", "date_of_death", "place_of_death", "cause", "status", "age", "age_band", "sex", "sources", "recorded_under"] as const;

const incidentUrl = (origin: string, slug: string) => `${origin}/events/${slug}`;
const sourceNames = (sources: { name: string | null }[]) => sources.map((s) => s.name ?? "(protected source)").join("; ");

export function incidentCsvRow(incident: PublicIncidentSnapshot & { version: number }, origin: string) {
  const r = incident.tally.reported;
  return [
    incident.slug,
    incidentUrl(origin, incident.slug),
    incident.title,
    Object.entries(incident.translations).map(([l, t]) => `${l}: ${t.title}`).join("; "),
    incident.type,
    incident.place.name,
    incident.place.precision,
    incident.place.latitude,
    incident.place.longitude,
    incident.dates.start,
    incident.dates.end,
    incident.dates.precision,
    incident.parent?.slug,
    incident.tally.recorded,
    incident.victims.length,
    r?.low,
    r?.high,
    r?.open ?? false,
    incident.tally.reportedFrom,
    incident.tally.sourcesDisagree,
    incident.version,
  ];
}

export function victimCsvRows(incident: PublicIncidentSnapshot): string[] {
  return incident.victims.map((v) =>
    csvLine([incident.slug, v.names.join(" / "), v.dateOfDeath, v.placeOfDeath, v.cause, v.status, v.age, v.ageBand, v.sex, sourceNames(v.sources), v.incident?.slug]),
  );
}

/** One incident's named victims as CSV (UTF-8 with BOM, RFC 4180): the list a family looks for. */
export function incidentVictimsCsv(incident: PublicIncidentSnapshot): string {
  return UTF8_BOM + csvLine(VICTIM_CSV_COLUMNS) + victimCsvRows(incident).join("");
}

/** Every published incident, page after page of the public list (memory stays flat). */
export async function* eachPublicIncident(db: Db): AsyncGenerator<PublicIncidentSnapshot & { version: number }> {
  let cursor: string | undefined;
  do {
    const page = await listPublicIncidents(db, { cursor, limit: 100 });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
