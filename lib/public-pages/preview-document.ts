import "server-only";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { type PublicEntryDetailDto, pickPublicEntryVersion } from "@/lib/publishing/public-entries";
import { changeTexts } from "@/lib/publishing/version-changes";
import { renderEntryDocument } from "./entry-document";
import { publicSpeech } from "./speech";

/**
 * The page publishing would seal now, as editors preview it (`previewPublicEntry`'s entry: its
 * history ends with the version it would publish): the same renderer as the sealed page, in the
 * editor's language. Only the seal is missing — the events that will record the page's hash do
 * not exist yet — and the date, which will be the publication's.
 */
export function renderPreviewDocument(entry: PublicEntryDetailDto, locale: Locale): string {
  const version = pickPublicEntryVersion(entry, entry.version, changeTexts(locale, { isolate: true }));
  return renderEntryDocument({ speech: publicSpeech(locale), entry, version, seal: null, origin: env.PUBLIC_URL });
}
