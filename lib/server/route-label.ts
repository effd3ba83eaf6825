import { matchPath } from "@/lib/api/match-path";
import { PAGE_SEGMENTS } from "@/lib/http/page-segments";
import { isLocale } from "@/lib/i18n/locales";

/**
 * The route a request's metrics are counted under: a bounded set of labels, never the path
 * itself (a path holds ids, slugs and whatever a client makes up, and each label is a series).
 * The API by its operation's template (`/api/v1/claims/{claimId}`); a page by its first segment,
 * with `/…` when it goes deeper, the language left out (`/ar/entries/x` → `/entries/…`); Next's
 * files as `/_next`; anything else `(other)`.
 */
export function routeLabel(pathname: string): string {
  if (pathname.startsWith("/api/v1/")) return matchPath(pathname)?.path ?? "/api/v1/(unknown)";
  if (pathname.startsWith("/api/auth/")) return "/api/auth";
  if (pathname.startsWith("/_next/")) return "/_next";
  const segments = pathname.split("/").filter(Boolean);
  if (segments.length > 0 && isLocale(segments[0])) segments.shift();
  if (segments.length === 0) return "/";
  if (!PAGE_SEGMENTS.includes(segments[0])) return "(other)";
  return `/${segments[0]}${segments.length > 1 ? "/…" : ""}`;
}
