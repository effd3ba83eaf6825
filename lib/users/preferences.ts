import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { DIGITS, type Digits, type Locale, languagePreferenceOf, LOCALES } from "@/lib/i18n/locales";
import { parseInput } from "@/lib/validation/parse";

/**
 * A person's own settings. Each field is optional on the way in (a form or a client sends what it
 * changes); `locale` null means "follow my browser".
 */
export const ZPreferences = z
  .object({
    revealGraphicMedia: z.boolean().optional(),
    lowBandwidth: z.boolean().optional(),
    deviceDrafts: z.boolean().optional(),
    locale: z.enum(LOCALES).nullable().optional(),
    digits: z.enum(DIGITS).optional(),
  })
  .strict();
export type TPreferences = z.input<typeof ZPreferences>;

/**
 * `lowBandwidth`: play a video's low-bandwidth working copy by default and load nothing large
 * unasked. `deviceDrafts`: a claim being written is kept on the device until it is sent (off: the
 * browser keeps nothing, and what it kept is forgotten).
 */
export type Preferences = { revealGraphicMedia: boolean; lowBandwidth: boolean; deviceDrafts: boolean; locale: Locale | null; digits: Digits };

const PREFERENCE_COLUMNS = { revealGraphicMedia: users.revealGraphicMedia, lowBandwidth: users.lowBandwidth, deviceDrafts: users.deviceDrafts, locale: users.locale, digits: users.digits };

function preferencesOf(row: { revealGraphicMedia: boolean; lowBandwidth: boolean; deviceDrafts: boolean; locale: string | null; digits: string } | undefined): Preferences {
  return { revealGraphicMedia: row?.revealGraphicMedia ?? false, lowBandwidth: row?.lowBandwidth ?? false, deviceDrafts: row?.deviceDrafts ?? true, ...languagePreferenceOf(row) };
}

export async function getPreferences(db: Db, actor: Actor | null): Promise<Preferences> {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const [row] = await db.select(PREFERENCE_COLUMNS).from(users).where(eq(users.id, actor.id));
  return preferencesOf(row);
}

/**
 * A person's own settings: only ever their own row. The input is parsed here (`ZPreferences`, a
 * `TPreferences`), so a form's text reaches it as sent and a value we do not have is BAD_REQUEST.
 */
export async function updatePreferences(db: Db, actor: Actor | null, input: unknown): Promise<Preferences> {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const data = parseInput(ZPreferences, input);
  const before = await getPreferences(db, actor);
  const after: Preferences = {
    revealGraphicMedia: data.revealGraphicMedia ?? before.revealGraphicMedia,
    lowBandwidth: data.lowBandwidth ?? before.lowBandwidth,
    deviceDrafts: data.deviceDrafts ?? before.deviceDrafts,
    locale: data.locale === undefined ? before.locale : data.locale,
    digits: data.digits ?? before.digits,
  };
  const changes = diffFields(before, after);
  // Choosing what is already set (the language switch clicked twice) writes and audits nothing.
  if (Object.keys(changes).length === 0) return after;
  await db.transaction(async (tx) => {
    await tx.update(users).set(after).where(eq(users.id, actor.id));
    await appendAuditEvent(tx, actor.id, {
      type: "user.preferences_changed",
      entity: { type: "user", id: actor.id },
      data: { changes },
    });
  });
  return after;
}
