/**
 * The Content-Security-Policy of every kind of response, in one place: `proxy.ts` sets the
 * per-request policy of rendered pages, `next.config.ts` the fixed ones. No `server-only` and no
 * `env` import: the config loads this module before anything else exists.
 *
 * - **Rendered pages** (sign-in, the workspace) get a fresh nonce per request:
 *   `script-src 'nonce-…' 'strict-dynamic'`. Next reads the nonce from the request's policy and puts
 *   it on its own script tags; nothing else may run, not even an inline event handler.
 * - **Public documents** (lib/public-pages: entry pages sealed at publication, the home, the
 *   methodology, the 404s) have no script at all: `default-src 'none'`, their one inline
 *   stylesheet by its hash, pictures from here and the map's tiles.
 * - **Anything else the proxy does not see** (static files, prefetches) gets the page policy
 *   without a nonce: `script-src 'self' 'unsafe-inline'`.
 * - **API answers** are data, never documents to run: nothing may load, and `sandbox` denies an
 *   answer opened in a tab its origin (evidence bytes are also sent as attachments).
 */

import { DOCUMENT_CSS_SOURCE } from "../public-pages/styles";

/** Map tiles drawn on public entry pages (lib/public-pages/entry-document.ts, components/public/entry-map.tsx). */
export const MAP_TILE_ORIGIN = "https://tile.openstreetmap.org";

/** Two years: browsers keep to HTTPS for that long after any HTTPS answer. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/**
 * Matches an `X-Forwarded-Proto` whose first entry is `https`: the request reached the TLS proxy in
 * front of Next over HTTPS. Used as a `has` condition in next.config.ts. Browsers ignore
 * Strict-Transport-Security on a plain-HTTP answer (RFC 6797 §8.1), so a client that sends this
 * header itself over HTTP gains nothing.
 */
export const FORWARDED_HTTPS = "https(?:\\s*,.*)?";

type Directives = [name: string, ...sources: string[]][];

function serialise(directives: Directives): string {
  return directives.map((d) => d.join(" ")).join("; ");
}

/** 128 random bits, base64: unguessable, and free of characters Next refuses in a nonce. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * The policy of an HTML page: with a nonce for pages rendered per request, without one for
 * cached pages. `isDev` adds what `next dev` needs (React's `eval` for error stacks, injected
 * style tags); a production build never gets it.
 */
export function pageContentSecurityPolicy({ nonce, isDev = false }: { nonce: string | null; isDev?: boolean }): string {
  const script = nonce ? ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"] : ["'self'", "'unsafe-inline'"];
  if (isDev) script.push("'unsafe-eval'");
  // Styles come from our stylesheet files; the markup has no style attributes. A nonce, when
  // there is one, admits a style tag Next itself may inline. The public documents' one sheet is
  // admitted by its hash: the editors' preview shows the document to be published in a sandboxed
  // frame of its own (`srcdoc`, which keeps this page's policy), and a 404 document answered
  // under a page's policy keeps its look.
  const style = isDev ? ["'self'", "'unsafe-inline'"] : nonce ? ["'self'", `'nonce-${nonce}'`, DOCUMENT_CSS_SOURCE] : ["'self'", DOCUMENT_CSS_SOURCE];
  return serialise([
    ["default-src", "'self'"],
    ["script-src", ...script],
    ["style-src", ...style],
    ["img-src", "'self'", MAP_TILE_ORIGIN],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["media-src", "'self'"],
    ["object-src", "'none'"],
    ["frame-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ]);
}

/** JSON, files, feeds and exports: nothing in them may run or load anything. */
export const API_CONTENT_SECURITY_POLICY = serialise([
  ["default-src", "'none'"],
  ["base-uri", "'none'"],
  ["form-action", "'none'"],
  ["frame-ancestors", "'none'"],
  ["sandbox"],
]);

/**
 * Auth.js's own small pages under /api/auth (its error page, the sign-out confirmation): no
 * script at all, their inline style, and a form posting back to us.
 */
export const AUTH_PAGES_CONTENT_SECURITY_POLICY = serialise([
  ["default-src", "'none'"],
  ["style-src", "'unsafe-inline'"],
  ["img-src", "'self'"],
  ["base-uri", "'none'"],
  ["form-action", "'self'"],
  ["frame-ancestors", "'none'"],
]);

/**
 * The public documents (lib/public-pages: entry pages rendered once and kept): no script at all,
 * only their own stylesheet (by its hash), pictures from here and the map's tiles, the web app
 * manifest from here (a phone installs the site: lib/i18n/web-manifest.ts), links and forms back
 * to us. Not framed.
 */
export const DOCUMENT_CONTENT_SECURITY_POLICY = serialise([
  ["default-src", "'none'"],
  ["style-src", DOCUMENT_CSS_SOURCE],
  ["img-src", "'self'", MAP_TILE_ORIGIN],
  ["manifest-src", "'self'"],
  ["base-uri", "'none'"],
  ["form-action", "'self'"],
  ["frame-ancestors", "'none'"],
]);

/** A policy as a map of directive → sources, for tests and checks. */
export function parseContentSecurityPolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}
