import { messageRef } from "@/lib/i18n/message-ref";
/**
 * Dates the database stores: PostgreSQL has no year 0, and a far-off year is a typing slip. Claims
 * and persons hold their dates to the same years (figures, to their own later bound).
 */
export const STORABLE_YEARS_MESSAGE = messageRef("validation.storableYears");

/** A YYYY-MM-DD string within the storable years (compared as text, which orders these dates). */
export const isStorableDate = (s: string) => s >= "1000-01-01" && s <= "2999-12-31";
