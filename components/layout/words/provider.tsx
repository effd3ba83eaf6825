"use client";

import { type AbstractIntlMessages, NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { FORMATS } from "@/lib/i18n/formats";

// No page shows a relative time, so the provider's `now` is never read; fixed, it keeps the
// server's and the browser's render the same.
const NOW = new Date(0);

/**
 * A provider of the client components' words with `messages` built in: each root and language has
 * its own module calling this with its own words file (lib/i18n/client-words.ts), so a page's script
 * loads its language's words once, cached, instead of its HTML carrying them every time.
 */
export function providerOf(messages: AbstractIntlMessages) {
  return function BuiltInWords({ locale, children }: { locale: string; children: ReactNode }) {
    return (
      <WordsProvider locale={locale} messages={messages}>
        {children}
      </WordsProvider>
    );
  };
}

/** next-intl's provider as every React root uses it: the shared formats, UTC, a fixed `now`. */
export function WordsProvider({ locale, messages, children }: { locale: string; messages: AbstractIntlMessages; children: ReactNode }) {
  return (
    <NextIntlClientProvider locale={locale} messages={messages} formats={FORMATS} timeZone="UTC" now={NOW}>
      {children}
    </NextIntlClientProvider>
  );
}
