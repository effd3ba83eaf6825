import "./globals.css";
import type { Metadata } from "next";
import { Document } from "@/components/layout/document";
import { EveryLanguageNotFound } from "@/components/layout/every-language-not-found";
import { CATALOGUES } from "@/lib/i18n/catalogues";
import { DEFAULT_LOCALE } from "@/lib/i18n/locales";

/**
 * For an address that matches no route (or names no language of ours: `/xx/entries/…`). Each part
 * of the site has its own root layout, in its language (the workspace and sign-in pages in the
 * reader's chosen language, the public pages in their address's), so there is no one layout to
 * draw a 404 in: Next answers this page directly (`experimental.globalNotFound`). It says so in
 * every language, reading nothing of the request: a public page whose address is wrong renders it
 * from inside a cached page, which must not read cookies or headers. (The workspace's and the
 * public site's own 404s, in the reader's language, are app/(workspace)/not-found.tsx and
 * app/[locale]/not-found.tsx.)
 */
/**
 * Rendered per request: its scripts carry the request's CSP nonce (proxy.ts); prerendered, they
 * would carry none and be refused under the nonce policy.
 */
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: CATALOGUES.en.notFound.title, robots: { index: false } };

export default function GlobalNotFound() {
  return (
    <Document locale={DEFAULT_LOCALE} part={null}>
      <main>
        <EveryLanguageNotFound />
      </main>
    </Document>
  );
}
