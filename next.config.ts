import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { DEFAULT_LOCALE, LOCALES } from "./lib/i18n/locales";
import { PUBLIC_ENTRIES, PUBLIC_EVENTS, PUBLIC_PAGES, WEB_MANIFEST } from "./lib/i18n/public-paths";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import {
  API_CONTENT_SECURITY_POLICY,
  AUTH_PAGES_CONTENT_SECURITY_POLICY,
  FORWARDED_HTTPS,
  pageContentSecurityPolicy,
  STRICT_TRANSPORT_SECURITY,
} from "./lib/security/content-security-policy";

// The interface's languages: next-intl reads each request's language and catalogue there.
const withLanguages = createNextIntlPlugin("./lib/i18n/request.ts");

export default function config(phase: string): NextConfig {
  return withLanguages({
    // PGlite (WASM + data files), native bindings (argon2, sharp) and big server-only SDKs load from
    // node_modules, not a bundle. exifr loads `fs` with a computed require, which a bundle turns into
    // a throw ("Couldn't load fs"): it reads TIFF files itself.
    serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg", "sharp", "exifr", "@aws-sdk/client-s3", "@tus/server", "@tus/file-store", "@tus/utils", "prom-client", "pino"],
    poweredByHeader: false,
    // Each part of the site is its own root layout, in its own language (app/(workspace),
    // app/(auth), app/[locale]); an address that matches none gets app/global-not-found.tsx.
    experimental: { globalNotFound: true },
    // In memory only: nothing cached may outlive the process and its database (see the handler).
    cacheHandler: fileURLToPath(new URL("./lib/cache/memory-cache-handler.mjs", import.meta.url)),
    cacheMaxMemorySize: 0,
    typedRoutes: false,
    // The test runner builds right after `npm test`'s own `tsc --noEmit` of the whole tree and says
    // so (e2e/security/run.ts --typechecked): the build's second type check would cost ~30 s of CPU.
    // Every other build (npm start, npm run build) type-checks as usual.
    typescript: { ignoreBuildErrors: process.env.CORROBORATE_BUILD_TYPECHECKED === "1" },
    // A page Next caches answers `s-maxage=<revalidate>, stale-while-revalidate=<expire − revalidate>`;
    // Next's default expire of a year would let a CDN serve it for a year after its last fetch. No
    // page is cached so today (entry pages are sealed documents with their own Cache-Control:
    // lib/public-pages/respond.ts); two minutes keeps any that comes to about one more minute.
    expireTime: 120,
    // Headers are matched per request, in order; a later rule replaces an earlier one's header of
    // the same name, and proxy.ts replaces the page policy with its nonce policy where it runs.
    // Names are lower case so that the replacing happens (Next keys them as written).
    // The default language's public pages keep today's addresses (`/`, `/methodology`,
    // `/entries/{slug}`): they are the `[locale]` pages of "en" (lib/i18n/public-paths.ts). Before
    // the file system, so `/methodology` is never taken for a language. `/en/…` goes to them.
    async rewrites() {
      return {
        beforeFiles: [
          ...PUBLIC_PAGES.map((page) => ({ source: page, destination: `/${DEFAULT_LOCALE}${page === "/" ? "" : page}` })),
          { source: `${PUBLIC_ENTRIES}:path*`, destination: `/${DEFAULT_LOCALE}${PUBLIC_ENTRIES}:path*` },
          { source: `${PUBLIC_EVENTS}:path*`, destination: `/${DEFAULT_LOCALE}${PUBLIC_EVENTS}:path*` },
          { source: WEB_MANIFEST, destination: `/${DEFAULT_LOCALE}${WEB_MANIFEST}` },
        ],
        afterFiles: [],
        fallback: [],
      };
    },
    async redirects() {
      return [
        { source: `/${DEFAULT_LOCALE}`, destination: "/", permanent: true },
        { source: `/${DEFAULT_LOCALE}/:path*`, destination: "/:path*", permanent: true },
      ];
    },
    async headers() {
      return [
        {
          source: "/:path*",
          headers: [
            { key: "x-content-type-options", value: "nosniff" },
            { key: "referrer-policy", value: "same-origin" },
            { key: "x-frame-options", value: "DENY" },
            { key: "permissions-policy", value: "camera=(), microphone=(), geolocation=()" },
          ],
        },
        {
          // What proxy.ts does not see — static files, prefetches — gets the page policy without a
          // nonce (lib/security); where the proxy runs its policy replaces this one. Not the entry
          // pages of any language (/entries/…, /ar/entries/…): sealed documents whose own policy
          // (no script at all) must reach the reader, and Next keeps a header set here over a
          // route's own.
          source: `/:path((?!(?:(?:${LOCALES.filter((l) => l !== DEFAULT_LOCALE).join("|")})/)?entries/).*)`,
          headers: [{ key: "content-security-policy", value: pageContentSecurityPolicy({ nonce: null, isDev: phase === PHASE_DEVELOPMENT_SERVER }) }],
        },
        { source: "/api/:path*", headers: [{ key: "content-security-policy", value: API_CONTENT_SECURITY_POLICY }] },
        { source: "/api/auth/:path*", headers: [{ key: "content-security-policy", value: AUTH_PAGES_CONTENT_SECURITY_POLICY }] },
        {
          // Only over HTTPS, which reaches Next through a TLS proxy that says so.
          source: "/:path*",
          has: [{ type: "header", key: "x-forwarded-proto", value: FORWARDED_HTTPS }],
          headers: [{ key: "strict-transport-security", value: STRICT_TRANSPORT_SECURITY }],
        },
      ];
    },
  });
}
