import "server-only";
import { getDb } from "@/lib/server/database";
import { isAppError } from "@/lib/errors/app-error";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { publicPath } from "@/lib/i18n/public-paths";
import { html } from "@/lib/html/html";
import { DOCUMENT_CONTENT_SECURITY_POLICY } from "@/lib/security/content-security-policy";
import { readEntryPage } from "./read-entry-page";
import { PAGE_MEDIA_TYPE } from "./seal-entry-pages";
import { publicShell } from "./shell";
import { publicSpeech } from "./speech";
import { env } from "@/lib/env";

/** A version's own address never shows other bytes: kept by anyone for a year. */
const VERSIONED = "public, max-age=31536000, immutable";
/** The newest version's address changes with a correction: asked again every time (a 304 while unchanged). */
const NEWEST = "public, no-cache";

/**
 * An entry's page as sealed at its publication, exactly those bytes: `ETag` is their SHA-256 (a
 * reader can compare it with the one in the audit log), a matching `If-None-Match` gets a 304, a
 * version's own address may be kept for good. An address with no published entry or version gets
 * the site's "not found" document in the address's language, with status 404.
 */
export async function respondWithEntryPage(request: Request, params: { locale: string; slug: string; version: string | null }): Promise<Response> {
  if (!isLocale(params.locale)) return notFoundDocument(DEFAULT_LOCALE);
  const locale = params.locale;
  try {
    const page = await readEntryPage(await getDb(), { slug: params.slug, locale, version: params.version });
    const etag = `"${page.sha256}"`;
    const headers = new Headers({
      "content-type": PAGE_MEDIA_TYPE,
      etag,
      "cache-control": params.version === null ? NEWEST : VERSIONED,
      "content-security-policy": DOCUMENT_CONTENT_SECURITY_POLICY,
      // The address that shows these bytes for good.
      link: `<${publicPath(locale, `/entries/${params.slug}/v/${page.version}`)}>; rel="canonical"`,
    });
    if (ifNoneMatch(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
    headers.set("content-length", String(page.bytes.length));
    return new Response(request.method === "HEAD" ? null : new Uint8Array(page.bytes), { status: 200, headers });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") return notFoundDocument(locale);
    throw error;
  }
}

function ifNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || t === `W/${etag}`;
  });
}

/** The public site's 404 as a document of its own, in the address's language. */
export function notFoundDocument(locale: Locale): Response {
  const speech = publicSpeech(locale);
  const t = speech.t("notFound");
  const body = publicShell({
    speech,
    title: t("title"),
    description: t("body"),
    path: "/",
    origin: env.PUBLIC_URL,
    body: html`<h1>${t("title")}</h1><p class="muted">${t("body")}</p><p><a href="${publicPath(locale, "/")}">${t("home")}</a></p>`,
  });
  return new Response(body, {
    status: 404,
    headers: { "content-type": PAGE_MEDIA_TYPE, "cache-control": "no-store", "content-security-policy": DOCUMENT_CONTENT_SECURITY_POLICY },
  });
}
