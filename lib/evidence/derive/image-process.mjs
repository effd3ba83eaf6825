// @ts-check
/**
 * The image decoder's own process: sharp reads uploaded pictures here, never in the web server.
 * lib/evidence/derive/image-decoder.ts starts it in an address space it limits (`ulimit -v`), with
 * no secret in its environment, and stops it when a request runs past its time: a picture that
 * makes libvips ask for gigabytes fails here, and the server's memory never grows with it.
 *
 * Requests come one at a time over the IPC channel, `{ id, op, input, ... }` with `input` a file
 * path or the bytes; each answer is `{ id, result }`, `{ id, refused }` (past a bound: skip, with
 * the reason) or `{ id, error }`, with this process's resident size so the parent can retire it.
 * Plain JavaScript, not TypeScript: it is run by Node itself, outside the Next bundle.
 */
import sharp from "sharp";

// One thread, and no operation cache that would keep a decoded picture alive after its answer.
sharp.cache(false);
sharp.concurrency(1);

/** @type {{ imagePixels: number; heifPixels: number }} */
const limits = JSON.parse(process.env.CORROBORATE_IMAGE_LIMITS ?? "");

class Refused extends Error {}

/** @param {string | Buffer} input */
function header(input) {
  // metadata() reads the header only and decodes no pixels, whatever size the header declares.
  return sharp(input, { failOn: "none", limitInputPixels: false }).metadata();
}

/**
 * Refuse an image past the pixel bound of its format before anything decodes it (a 1 KB AVIF can
 * declare 67 MP), then decode it with sharp's own pixel limit set to the bound as a second lock.
 * @param {string | Buffer} input
 */
async function decode(input) {
  const { width = 0, height = 0, format } = await header(input);
  const bound = format === "heif" ? limits.heifPixels : limits.imagePixels;
  if (width <= 0 || height <= 0) throw new Refused("The image declares no size");
  if (width * height > bound) {
    throw new Refused(`An image of ${width}×${height} is past the bound of ${bound / 1e6} MP for ${format ?? "its format"}`);
  }
  return sharp(input, { failOn: "none", limitInputPixels: limits.imagePixels });
}

/** @type {Record<string, (request: any) => Promise<unknown>>} */
const OPERATIONS = {
  /** Size, format and the raw EXIF block: what metadata extraction needs, without decoding. */
  async header({ input }) {
    const { width, height, format, exif } = await header(input);
    return { width: width ?? null, height: height ?? null, format: format ?? null, exif: exif ?? null };
  },
  /** A JPEG at most `side` pixels a side, turned upright. */
  async thumbnail({ input, side }) {
    return (await decode(input)).rotate().resize(side, side, { fit: "inside" }).jpeg({ quality: 80 }).toBuffer();
  },
  /** The `side`×`side` greyscale pixels a perceptual hash is computed from, row by row. */
  async greyPixels({ input, side }) {
    return (await decode(input)).rotate().greyscale().resize(side, side, { fit: "fill", kernel: "lanczos3" }).raw().toBuffer();
  },
};

process.on("message", async (/** @type {{ id: number; op: string }} */ request) => {
  let answer;
  try {
    const operation = OPERATIONS[request.op];
    if (!operation) throw new Error(`No operation ${request.op}`);
    answer = { result: await operation(request) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    answer = error instanceof Refused ? { refused: message } : { error: message.slice(0, 500) };
  }
  process.send?.({ id: request.id, rss: process.memoryUsage().rss, ...answer });
});

// The parent is gone (stopped, or killed): nothing is left to answer.
process.on("disconnect", () => process.exit(0));
