/**
 * The first segments of the workspace's and sign-in's pages (app/(workspace), app/(auth)) and of
 * the default language's public pages (`/methodology`, `/entries/…`, rewritten to app/[locale] by
 * next.config.ts after this runs); every other first segment is a language of the public site.
 * proxy.ts refuses any other first segment that is not a language; the request metrics label pages
 * by it (lib/server/route-label.ts). lib/test/layers.test.ts keeps this list equal to the folders.
 */
export const PAGE_SEGMENTS: readonly string[] = ["admin", "claims", "evidence", "figures", "inbox", "incidents", "invite", "login", "my-submissions", "persons", "settings", "sources", "methodology", "entries", "events", "reset-password", "enrol", "manifest.webmanifest"];
