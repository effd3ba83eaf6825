import { CATALOGUES } from "@/lib/i18n/catalogues";
import type { ClientPart } from "@/lib/i18n/client-namespaces";
import { digitsOf, directionOf, formattingLocale, languageOf } from "@/lib/i18n/locales";
import { ClientWords } from "./words/client-words";
import { WordsProvider } from "./words/provider";

/**
 * The HTML document of every React page (the workspace, sign-in), in its language: `lang` and
 * `dir` on the root element, so that Arabic pages run right to left from the first byte (the
 * layout's CSS is logical: start and end, never left and right). `locale` is a language or
 * next-intl's formatting tag ("ar-u-ca-gregory-nu-arab", the chosen language). The client
 * components' words come with the root's script (components/layout/words), not in the page. A
 * page with no client words (the global 404) gets only the catalogue's meta (`part={null}`). The
 * public site's documents are not React (lib/public-pages).
 */
export function Document({ locale, part, children }: { locale: string; part: ClientPart | null; children: React.ReactNode }) {
  const language = languageOf(locale);
  const messages = CATALOGUES[language];
  const formatting = formattingLocale(messages.meta.formatLocale, digitsOf(locale));
  return (
    <html lang={language} dir={directionOf(language)}>
      <body className="min-h-screen">
        {part ? (
          <ClientWords part={part} language={language} locale={formatting}>
            {children}
          </ClientWords>
        ) : (
          <WordsProvider locale={formatting} messages={{ meta: messages.meta }}>
            {children}
          </WordsProvider>
        )}
      </body>
    </html>
  );
}
