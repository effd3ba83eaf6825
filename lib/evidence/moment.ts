/**
 * A moment of a video in the page's address (`#t=41.2`, seconds, as Media Fragments write it), so a
 * reviewer can send a colleague "look here". Pure: the player and its tests share it.
 */

/** The moment a `#t=` fragment names, in milliseconds; null when the fragment names none. `#t=1:02.5` and `#t=41.2,44` are read too (the start counts). */
export function momentFromHash(hash: string): number | null {
  const match = /(?:^#|&)t=(?:npt:)?([0-9:.]+)/.exec(hash);
  if (!match) return null;
  const parts = match[1].split(":");
  if (parts.length > 3 || parts.some((p) => p === "" || !/^\d+(\.\d+)?$/.test(p))) return null;
  const seconds = parts.reduce((total, part) => total * 60 + Number(part), 0);
  return Number.isFinite(seconds) ? Math.round(seconds * 1000) : null;
}

/** `#t=41.2`: seconds to the millisecond, without trailing zeros. */
export function hashOfMoment(ms: number): string {
  const seconds = (Math.max(0, Math.round(ms)) / 1000).toFixed(3).replace(/\.?0+$/, "");
  return `#t=${seconds}`;
}

/** A timecode's parts, for the page's own digits: 1:02:05.250 → {hours: 1, minutes: 2, seconds: 5, millis: 250}. */
export function timecodeParts(ms: number): { hours: number; minutes: number; seconds: number; millis: number } {
  const total = Math.max(0, Math.round(ms));
  return {
    hours: Math.floor(total / 3_600_000),
    minutes: Math.floor(total / 60_000) % 60,
    seconds: Math.floor(total / 1000) % 60,
    millis: total % 1000,
  };
}

/**
 * A timecode as text: `0:03.000`, `1:02:05.250`, its numbers written by `digits` (the page's own
 * digits in the player; plain ASCII, the default, in a file name).
 */
export function timecodeText(ms: number, digits: (value: number, minimumDigits: number) => string = (v, d) => String(v).padStart(d, "0")): string {
  const { hours, minutes, seconds, millis } = timecodeParts(ms);
  const clock = hours > 0 ? `${digits(hours, 1)}:${digits(minutes, 2)}:${digits(seconds, 2)}` : `${digits(minutes, 1)}:${digits(seconds, 2)}`;
  return `${clock}.${digits(millis, 3)}`;
}

/** How long one frame lasts, in seconds (a missing or absurd rate falls back to 25 frames a second). */
export function frameSeconds(frameRate: number | null | undefined): number {
  return frameRate && frameRate >= 1 && frameRate <= 240 ? 1 / frameRate : 1 / 25;
}
