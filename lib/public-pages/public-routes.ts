import "server-only";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors/app-error";
import { isLocale } from "@/lib/i18n/locales";
import { webManifest } from "@/lib/i18n/web-manifest";
import { readPublicAuditHead, readPublicEntries } from "@/lib/publishing/public-cache";
import { getDb } from "@/lib/server/database";
import { latestChainStamp } from "@/lib/timestamps";
import { type EntryFilterValues, renderHomeDocument } from "./home-document";
import { renderMethodologyDocument } from "./methodology-document";
import { renderCodebookDocument, renderIncidentDocument, renderIncidentListDocument } from "./incident-documents";
import { getPublicIncident, listPublicIncidents } from "@/lib/incidents/public-incidents";
import { answerPublicPage, documentResponse, notFoundDocument } from "./respond";
import { publicSpeech } from "./speech";

const FILTERS = ["q", "kind", "grade", "place", "from", "to"] as const;

/**
 * The public home (`/`, `/ar`): the list of entries with the filters of the address's query. Its
 * bounded views (the first page, by kind and grade) come from the public cache; filters the list
 * cannot use (a date that is not one) are said on the page, over an empty list, with status 200
 * as before: the form is there to mend them.
 */
export async function respondWithHome(request: Request, localeParam: string): Promise<Response> {
  if (!isLocale(localeParam)) return notFoundDocument(null);
  const locale = localeParam;
  return answerPublicPage(locale, async () => {
    const query = new URL(request.url).searchParams;
    const first = (name: string) => {
      const value = query.get(name)?.trim();
      return value ? value : undefined;
    };
    const filters: EntryFilterValues = Object.fromEntries(FILTERS.map((name) => [name, first(name)]).filter(([, value]) => value !== undefined));
    const cursor = first("cursor");
    let problem: string | null = null;
    const [list, auditHead] = await Promise.all([
      readPublicEntries({ ...filters, cursor }).catch((error: unknown) => {
        if (!isAppError(error) || error.code !== "BAD_REQUEST") throw error;
        problem = Object.values(error.details.fieldErrors ?? {}).flat()[0] ?? error.message;
        return { items: [], nextCursor: null };
      }),
      readPublicAuditHead(),
    ]);
    return documentResponse(
      renderHomeDocument({ speech: publicSpeech(locale), filters, cursor, items: list.items, nextCursor: list.nextCursor, problem, auditHead, origin: env.PUBLIC_URL }),
    );
  });
}

/** How we work (`/methodology`, `/ar/methodology`), with the audit chain's head at its foot. */
export async function respondWithMethodology(localeParam: string): Promise<Response> {
  if (!isLocale(localeParam)) return notFoundDocument(null);
  const locale = localeParam;
  return answerPublicPage(locale, async () =>
    documentResponse(
      renderMethodologyDocument({ speech: publicSpeech(locale), auditHead: await readPublicAuditHead(), chainStamp: await latestChainStamp(await getDb()), origin: env.PUBLIC_URL }),
    ),
  );
}

/** The published incidents (`/incidents`, `/ar/incidents`), newest first, a page at a time. */
export async function respondWithIncidents(request: Request, localeParam: string): Promise<Response> {
  if (!isLocale(localeParam)) return notFoundDocument(null);
  const locale = localeParam;
  return answerPublicPage(locale, async () => {
    const cursor = new URL(request.url).searchParams.get("cursor") ?? undefined;
    const db = await getDb();
    const list = await listPublicIncidents(db, { cursor, limit: 25 }).catch((error: unknown) => {
      // A cursor that is not one: the first page, as an address that names none.
      if (!isAppError(error) || error.code !== "BAD_REQUEST") throw error;
      return listPublicIncidents(db, { limit: 25 });
    });
    return documentResponse(renderIncidentListDocument({ speech: publicSpeech(locale), items: list.items, nextCursor: list.nextCursor, cursor, origin: env.PUBLIC_URL }));
  });
}

/** One published incident's page (`/incidents/{slug}`), from its newest published version. */
export async function respondWithIncident(localeParam: string, slug: string): Promise<Response> {
  if (!isLocale(localeParam)) return notFoundDocument(null);
  const locale = localeParam;
  return answerPublicPage(locale, async () => {
    const incident = await getPublicIncident(await getDb(), slug).catch((error: unknown) => {
      if (isAppError(error) && error.code === "NOT_FOUND") return null;
      throw error;
    });
    if (!incident) return notFoundDocument(locale);
    return documentResponse(renderIncidentDocument({ speech: publicSpeech(locale), incident, origin: env.PUBLIC_URL }));
  });
}

/** What each field of the incident records means (`/incidents/codebook`). */
export async function respondWithCodebook(localeParam: string): Promise<Response> {
  if (!isLocale(localeParam)) return notFoundDocument(null);
  const locale = localeParam;
  return answerPublicPage(locale, async () => documentResponse(renderCodebookDocument({ speech: publicSpeech(locale), origin: env.PUBLIC_URL })));
}

/** Any other address: the 404 document in its language, or in every language when it names none of ours. */
export function respondWithMissingPage(localeParam: string): Response {
  return notFoundDocument(isLocale(localeParam) ? localeParam : null);
}

/** The web app manifest in the address's language (lib/i18n/web-manifest.ts): small, answered per request. */
export function respondWithManifest(localeParam: string): Response {
  if (!isLocale(localeParam)) return notFoundDocument(null);
  return new Response(JSON.stringify(webManifest(localeParam)), {
    headers: { "content-type": "application/manifest+json; charset=utf-8", "cache-control": "public, max-age=3600" },
  });
}
