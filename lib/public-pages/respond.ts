import "server-only";
import { getDb } from "@/lib/server/database";
import { isAppError } from "@/lib/errors/app-error";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { publicPath } from "@/lib/i18n/public-paths";
import { DOCUMENT_CONTENT_SECURITY_POLICY } from "@/lib/security/content-security-policy";
import { asDoorError } from "@/lib/errors/unavailable";
import { inLocale } from "@/lib/i18n/translate";
import { readEntryPage } from "./read-entry-page";
import { PAGE_MEDIA_TYPE } from "./seal-entry-pages";
import { renderErrorDocument, renderEveryLanguageNotFound, renderNotFoundDocument } from "./status-documents";
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
  if (!isLocale(params.locale)) return notFoundDocument(null);
  const locale = params.locale;
  return answerPublicPage(locale, async () => {
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
      return new Response(request.method === "HEAD" ? null : new Uint8Array(page.bytes), { status: 200, headers });
    } catch (error) {
      if (isAppError(error) && error.code === "NOT_FOUND") return notFoundDocument(locale);
      throw error;
    }
  });
}

function ifNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || t === `W/${etag}`;
  });
}

/** Pages read live (the list, the methodology, the status pages): never kept by anyone, as Next's own pages were. */
export const LIVE = "private, no-cache, no-store, max-age=0, must-revalidate";

/** A public document as an answer: its bytes, its own policy (no script, its one stylesheet). */
export function documentResponse(body: string, { status = 200, cacheControl = LIVE, headers = {} }: { status?: number; cacheControl?: string; headers?: Record<string, string> } = {}): Response {
  return new Response(body, {
    status,
    headers: { "content-type": PAGE_MEDIA_TYPE, "cache-control": cacheControl, "content-security-policy": DOCUMENT_CONTENT_SECURITY_POLICY, ...headers },
  });
}

/** The public site's 404 as a document of its own, in the address's language (every language when the address names none). */
export function notFoundDocument(locale: Locale | null): Response {
  return documentResponse(locale ? renderNotFoundDocument(locale, env.PUBLIC_URL) : renderEveryLanguageNotFound(env.PUBLIC_URL), { status: 404, cacheControl: "no-store" });
}

/**
 * A public page's answer, made in the address's language (its refusals and field errors too):
 * a lost database is the 503 document with Retry-After, anything else unexpected is logged and
 * answered with the 500 document — never Next's bare error page, never a stack.
 */
export async function answerPublicPage(locale: Locale, answer: () => Promise<Response>): Promise<Response> {
  try {
    return await inLocale(locale, answer);
  } catch (thrown) {
    const error = asDoorError(thrown);
    if (isAppError(error) && error.code === "UNAVAILABLE") {
      return documentResponse(renderErrorDocument(locale, env.PUBLIC_URL), {
        status: 503,
        cacheControl: "no-store",
        headers: { "retry-after": String(error.details.retryAfterSeconds ?? 5) },
      });
    }
    console.error("[public] unexpected error:", error);
    return documentResponse(renderErrorDocument(locale, env.PUBLIC_URL), { status: 500, cacheControl: "no-store" });
  }
}
