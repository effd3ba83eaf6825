import ar from "./messages/ar.json";
import en from "./messages/en.json";
import type { Locale } from "./locales";

/** Every language's catalogue, by locale. The English one's shape is the type of all of them. */
export type Messages = typeof en;
export const CATALOGUES: Record<Locale, Messages> = { ar, en };
