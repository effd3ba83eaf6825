import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claims, evidence, evidenceNotes } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { visibleClaimsWhere } from "@/lib/claims/scope";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { isUuid } from "@/lib/validation/uuid";
import { playableMedium } from "../playable";

/**
 * A note with its item's type, length and state and its claim's state, as the actor may see it
 * (through the item's claim), or NOT_FOUND — also for a note on a claim out of their scope, so ids
 * cannot be probed. Whether they may read notes at all is the caller's next check.
 */
export async function findVisibleNote(db: Db, actor: Actor | null, noteId: string) {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const scope = visibleClaimsWhere(actor);
  if (scope === null || !isUuid(noteId)) throw new AppError("NOT_FOUND", tr("errors.evidenceNotes.notFound"));
  const [row] = await db
    .select({
      id: evidenceNotes.id,
      evidenceId: evidenceNotes.evidenceId,
      claimId: evidenceNotes.claimId,
      authorId: evidenceNotes.authorId,
      startMs: evidenceNotes.startMs,
      endMs: evidenceNotes.endMs,
      body: evidenceNotes.body,
      version: evidenceNotes.version,
      deletedAt: evidenceNotes.deletedAt,
      metadata: evidence.metadata,
    })
    .from(evidenceNotes)
    .innerJoin(evidence, eq(evidence.id, evidenceNotes.evidenceId))
    .innerJoin(claims, eq(claims.id, evidenceNotes.claimId))
    .where(and(eq(evidenceNotes.id, noteId), scope));
  if (!row) throw new AppError("NOT_FOUND", tr("errors.evidenceNotes.notFound"));
  return row;
}

/** Whether an item takes time-coded notes: what the player plays, a video or a sound recording. */
export function isTimed(mediaType: string | null): boolean {
  return playableMedium(mediaType) !== null;
}

/** A video or audio item's length in milliseconds as its metadata read it (ffprobe), or null when not known (yet). */
export function durationMsOf(metadata: unknown): number | null {
  const seconds = (metadata as { durationSeconds?: unknown } | null)?.durationSeconds;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds * 1000) : null;
}

/**
 * How far past the item's probed length a moment may lie: the player plays a working copy, whose
 * re-encoded audio can run a packet or two past the container's length (a 4.000 s original, a
 * 4.018 s copy), and a person who marks the moment the player stopped at must not be refused.
 */
export const END_SLACK_MS = 250;

/**
 * A note's times must lie within the item when its length is known (the schema holds them to the
 * hard bound otherwise): a 400 on the field past the end, in the item's own length.
 */
export function assertWithinItem(times: { startMs: number; endMs: number | null }, metadata: unknown): void {
  const durationMs = durationMsOf(metadata);
  if (durationMs === null) return;
  const fieldErrors: Record<string, string[]> = {};
  const past = tr("errors.evidenceNotes.pastEnd", { seconds: (durationMs / 1000).toFixed(3) });
  if (times.startMs > durationMs + END_SLACK_MS) fieldErrors.startMs = [past];
  if (times.endMs !== null && times.endMs > durationMs + END_SLACK_MS) fieldErrors.endMs = [past];
  if (Object.keys(fieldErrors).length) throw new AppError("BAD_REQUEST", tr("errors.fieldErrors"), { fieldErrors });
}
