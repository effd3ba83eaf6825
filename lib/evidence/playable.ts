/**
 * Which items the player takes, and why one has nothing to play yet. Pure: the evidence page and
 * the claim's list both ask.
 */

import { categoryOf } from "./derivations";

/** Video and audio play (through their working copies) and take time-coded notes; anything else is shown as it is. */
export function playableMedium(mediaType: string | null): "video" | "audio" | null {
  const category = categoryOf(mediaType);
  return category === "video" || category === "audio" ? category : null;
}

/**
 * Why a playable item has no working copy to play: its `web` copy is still being made (`pending`),
 * could not be (`failed`), or cannot be here (`skipped`: no ffmpeg); null when the item never had
 * the step (an item older than working copies).
 */
export function workingCopyState(processing: Record<string, string>): "pending" | "failed" | "skipped" | null {
  const state = processing.web;
  return state === "pending" || state === "failed" || state === "skipped" ? state : null;
}
