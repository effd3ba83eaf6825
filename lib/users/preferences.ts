import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/validation/parse";

export const ZPreferences = z.object({ revealGraphicMedia: z.boolean() }).strict();
export type TPreferences = z.input<typeof ZPreferences>;

export async function getPreferences(db: Db, actor: Actor | null): Promise<{ revealGraphicMedia: boolean }> {
  if (!actor) throw new AppError("UNAUTHORIZED", "Sign in to do this.");
  const [row] = await db.select({ revealGraphicMedia: users.revealGraphicMedia }).from(users).where(eq(users.id, actor.id));
  return { revealGraphicMedia: row?.revealGraphicMedia ?? false };
}

/** A person's own settings: only ever their own row. */
export async function updatePreferences(db: Db, actor: Actor | null, input: TPreferences) {
  if (!actor) throw new AppError("UNAUTHORIZED", "Sign in to do this.");
  const data = parseInput(ZPreferences, input);
  const before = await getPreferences(db, actor);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ revealGraphicMedia: data.revealGraphicMedia }).where(eq(users.id, actor.id));
    await appendAuditEvent(tx, actor.id, {
      type: "user.preferences_changed",
      entity: { type: "user", id: actor.id },
      data: { changes: diffFields(before, data) },
    });
  });
  return data;
}
