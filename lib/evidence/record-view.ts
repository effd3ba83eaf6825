import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { evidenceViews } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/permissions";

/**
 * A player asks for a range at every seek and every few seconds of playback: the custody trail
 * records that a person read bytes of one copy of an item once per this window, not once per range.
 */
export const VIEW_WINDOW_MINUTES = 30;

export type ViewedCopy = "original" | "web" | "low";

/**
 * Write `evidence.viewed` for a ranged read, unless this person's reads of this copy were written
 * less than the window ago. One upsert decides: it touches the mark only when the last one is older
 * than the window, and only then is the event appended, in the same transaction, so concurrent
 * ranges of one player (the row is locked by the first) record one event between them.
 */
export async function recordView(db: Db, actor: Actor, view: { evidenceId: string; sha256: string; copy: ViewedCopy; via: "web" | "api" }) {
  await db.transaction(async (tx) => {
    const marked = await tx
      .insert(evidenceViews)
      .values({ evidenceId: view.evidenceId, userId: actor.id, copy: view.copy, recordedAt: sql`now()` })
      .onConflictDoUpdate({
        target: [evidenceViews.evidenceId, evidenceViews.userId, evidenceViews.copy],
        set: { recordedAt: sql`excluded.recorded_at` },
        setWhere: sql`${evidenceViews.recordedAt} <= excluded.recorded_at - ${sql.raw(`interval '${VIEW_WINDOW_MINUTES} minutes'`)}`,
      })
      .returning({ evidenceId: evidenceViews.evidenceId });
    if (marked.length === 0) return;
    await appendAuditEvent(tx as unknown as Db, actor.id, {
      type: "evidence.viewed",
      entity: { type: "evidence", id: view.evidenceId },
      data: { sha256: view.sha256, copy: view.copy, via: view.via },
    });
  });
}
