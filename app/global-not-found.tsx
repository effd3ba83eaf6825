import "./globals.css";
import type { Metadata } from "next";
import { Document } from "@/components/layout/document";
import { EveryLanguageNotFound } from "@/components/layout/every-language-not-found";
import { CATALOGUES } from "@/lib/i18n/catalogues";
import { DEFAULT_LOCALE } from "@/lib/i18n/locales";

/**
 * For an address no route takes. The public site's catch-all (`app/[locale]/[...rest]`) answers
 * every address of two segments or more with the 404 document (lib/public-pages), `[locale]`'s
 * route every one of one segment, and proxy.ts a first segment naming no page or a malformed
 * address, so this is a fallback, not a public page: Next
 * needs one when the workspace and sign-in have root layouts of their own
 * (`experimental.globalNotFound`). It says so in every language, reading nothing of the request.
 * (The workspace's own 404, in the reader's language, is app/(workspace)/not-found.tsx.)
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
