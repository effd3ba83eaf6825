import sharp from "sharp";
import { DERIVATION_LIMITS } from "./limits";
import { MediaRefused } from "./refused";

// libvips' operation cache keeps decoded images alive after a derivation, and one thread per core
// would let one picture take every core of the web server: neither, for work done in the background.
sharp.cache(false);
sharp.concurrency(1);

/**
 * Read an image's header (sharp's `metadata()` decodes no pixels) and refuse it past the pixel
 * bound of its format before anything decodes it: a 4 KB AVIF can declare 16,383² pixels.
 */
export async function assertImageWithinBounds(input: Buffer | string): Promise<void> {
  const { width = 0, height = 0, format } = await sharp(input, { failOn: "none", limitInputPixels: false }).metadata();
  const bound = format === "heif" ? DERIVATION_LIMITS.heifPixels : DERIVATION_LIMITS.imagePixels;
  if (width <= 0 || height <= 0) throw new MediaRefused("The image declares no size");
  if (width * height > bound) {
    throw new MediaRefused(`An image of ${width}×${height} is past the bound of ${bound / 1e6} MP for ${format ?? "its format"}`);
  }
}

/** sharp on checked input, with its own pixel limit set to the bound as a second lock. Decodes the first page only. */
export function decodeImage(input: Buffer | string) {
  return sharp(input, { failOn: "none", limitInputPixels: DERIVATION_LIMITS.imagePixels });
}
