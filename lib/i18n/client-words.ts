import path from "node:path";
import { CATALOGUES } from "./catalogues";
import { type ClientPart, CLIENT_NAMESPACES, clientMessages } from "./client-namespaces";
import { LOCALES } from "./locales";

/**
 * The words each root's client components use, one file per root and language, in
 * lib/i18n/client-words/: the browser gets them as part of the root's script (a file that changes
 * only when the words do, so it is cached), not inlined into every page's HTML, where they were
 * half of a workspace page's bytes and of the server's work to render it. They are cut from the
 * catalogues (CLIENT_NAMESPACES): write them again with `npm run i18n:client-words` after editing
 * a catalogue; a test fails while any is out of date.
 */
export const CLIENT_WORDS_DIR = path.join(process.cwd(), "lib", "i18n", "client-words");

export function clientWordFiles(): { file: string; text: string }[] {
  return (Object.keys(CLIENT_NAMESPACES) as ClientPart[]).flatMap((part) =>
    LOCALES.map((locale) => ({
      file: path.join(CLIENT_WORDS_DIR, `${part}.${locale}.json`),
      text: `${JSON.stringify(clientMessages(CATALOGUES[locale], part), null, 1)}\n`,
    })),
  );
}
