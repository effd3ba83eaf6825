import "server-only";
import { tr } from "@/lib/i18n/translate";

/**
 * What an item's metadata lacks or had left out, kept as codes (`evidence.metadata_notes`) and said
 * in the reader's language when the item is read: a job that extracts metadata serves no reader.
 * `cut` names the dotted paths that were cut (a few, then "…"); `legacy` holds a sentence stored
 * before notes were codes that matched none of them.
 */
export type MetadataNote =
  | { code: "exifUnreadable" | "exifStripped" | "exifNoCamera" | "exifBadDate" | "exifBadGps" | "avStripped" }
  | { code: "cut"; paths: string[] }
  | { code: "legacy"; text: string };

/** How many cut paths a note names before "…". */
const NAMED_PATHS = 5;

/** The cut note for the paths boundMetadata reports, or null when nothing was cut. */
export function cutNote(cut: string[]): MetadataNote | null {
  return cut.length ? { code: "cut", paths: cut.slice(0, NAMED_PATHS).concat(cut.length > NAMED_PATHS ? ["…"] : []) } : null;
}

/** The notes as one paragraph in the request's language, or null when there are none. */
export function metadataNoteText(notes: readonly MetadataNote[] | null): string | null {
  if (!notes?.length) return null;
  return notes
    .map((note) => (note.code === "legacy" ? note.text : note.code === "cut" ? tr("metadataNotes.cut", { paths: note.paths.join(", ") }) : tr(`metadataNotes.${note.code}`)))
    .join(" ");
}
