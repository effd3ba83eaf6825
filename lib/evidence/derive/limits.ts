/**
 * What one derivation may cost at most: the one place these bounds are written (ARCHITECTURE.md,
 * "Evidence", says why). Past a pixel bound a derivation is skipped with its reason before any
 * decoding; the memory and time bounds stop a decoder that lies about what it will need.
 */
export const DERIVATION_LIMITS = {
  /** Pixels of an image sharp will decode (~200 MB of RGBA at most). */
  imagePixels: 50_000_000,
  /** AVIF and HEIC decode whole, without shrink-on-load: a lower bound (~64 MB of RGBA). */
  heifPixels: 16_000_000,
  /** A video frame: 8K UHD (7680×4320), and no side past 8192. */
  videoPixels: 7680 * 4320,
  videoSide: 8192,
  /** Address space of one ffmpeg / ffprobe child (`ulimit -v`); each runs with one thread. */
  childMemoryBytes: 2 * 1024 ** 3,
  /**
   * Address space of the image decoder's process (Node and sharp, lib/evidence/derive/image-process.mjs):
   * Node alone reserves ~1 GiB of it, and a picture at the pixel bound decodes in well under the rest.
   */
  imageProcessMemoryBytes: 2.5 * 1024 ** 3,
  /** A decoder process that holds more than this after an answer is retired, not kept for the next picture. */
  imageProcessRetireBytes: 384 * 1024 ** 2,
  /** Wall-clock limit of one picture's decoding. */
  imageTimeoutMs: 60_000,
  /** Wall-clock limits of one ffprobe and of one frame grab. */
  probeTimeoutMs: 30_000,
  frameTimeoutMs: 60_000,
  /** Keyframes are taken at this many seek points at most, spread over the probed duration. */
  keyframeSeeks: 12,
  /**
   * Working copies (web, low) are made of videos and audio up to this long (longer: skipped, the
   * original still downloads), and never longer than it whatever the file claims (`-t`).
   */
  workingCopySeconds: 2 * 3600,
  /**
   * Wall-clock limit of one working copy: a base plus this much per second of media (one thread,
   * at low priority: 4 s a second is far slower than this machine's ~0.2 s for a 720p video).
   */
  workingCopyBaseMs: 120_000,
  workingCopyMsPerSecond: 4_000,
} as const;
