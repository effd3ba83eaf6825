import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";

/** Media made on the fly for tests (no binaries committed): ffmpeg's test sources and sharp drawings. */
let folder: string | undefined;
function mediaDir(): string {
  folder ??= fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-media-"));
  return folder;
}

/**
 * A folder where Playwright's global setup makes the costly hostile files once a run, before any
 * test starts (e2e/support/global-setup.ts): made inside a test, the 16,000² video alone took a
 * core and 3.5 GB for seconds while a spec on the other worker measured its server's answers.
 */
export const HOSTILE_MEDIA_ENV = "CORROBORATE_TEST_HOSTILE_MEDIA";
function hostileDir(): string {
  const prepared = process.env[HOSTILE_MEDIA_ENV];
  return prepared && fs.existsSync(prepared) ? prepared : mediaDir();
}

export function makeVideo(name: string, { source = "testsrc", seconds = 3, size = "640x360", extra = [] as string[] } = {}) {
  const file = path.join(mediaDir(), name);
  execFileSync("ffmpeg", [
    "-v", "error", "-f", "lavfi", "-i", `${source}=size=${size}:rate=25`, "-t", String(seconds),
    ...extra, "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-y", file,
  ]);
  return file;
}

/** Re-encode a video smaller and at lower quality, as a re-upload on a platform would. */
export function reencodeVideo(input: string, name: string) {
  const file = path.join(mediaDir(), name);
  execFileSync("ffmpeg", ["-v", "error", "-i", input, "-vf", "scale=320:-2", "-c:v", "libx264", "-crf", "35", "-preset", "ultrafast", "-y", file]);
  return file;
}

function rng(seed: number) {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** A photograph-like scene: a gradient and a few coloured shapes, different for each seed. */
export async function makeImage(seed: number, { width = 640, height = 480 } = {}): Promise<Buffer> {
  const r = rng(seed);
  const colour = () => `rgb(${Math.floor(r() * 255)},${Math.floor(r() * 255)},${Math.floor(r() * 255)})`;
  const shapes = Array.from({ length: 14 }, () => {
    const x = Math.floor(r() * width);
    const y = Math.floor(r() * height);
    const s = 30 + Math.floor(r() * 180);
    return r() < 0.5
      ? `<circle cx="${x}" cy="${y}" r="${s / 2}" fill="${colour()}"/>`
      : `<rect x="${x}" y="${y}" width="${s}" height="${s * 0.7}" fill="${colour()}"/>`;
  }).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="${colour()}"/><stop offset="1" stop-color="#222"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

/** Re-compressed, resized to half and cropped by 5 %: what a repost does to a picture. */
export async function degradeImage(image: Buffer): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(image).metadata();
  const left = Math.round(width * 0.025);
  const top = Math.round(height * 0.025);
  return sharp(image)
    .extract({ left, top, width: width - 2 * left, height: height - 2 * top })
    .resize(Math.round(width / 2))
    .jpeg({ quality: 40 })
    .toBuffer();
}

/**
 * A short MP4 whose container carries `tags` (any key, any length): given to ffmpeg as an
 * ffmetadata file, since one command-line argument may hold at most 128 KiB.
 */
export function makeVideoWithTags(name: string, tags: Record<string, string>) {
  const meta = path.join(mediaDir(), `${name}.ffmeta`);
  fs.writeFileSync(meta, `;FFMETADATA1\n${Object.entries(tags).map(([k, v]) => `${k}=${v}`).join("\n")}\n`);
  const file = path.join(mediaDir(), name);
  execFileSync("ffmpeg", [
    "-v", "error", "-f", "lavfi", "-t", "2", "-i", "testsrc=size=64x48:rate=5", "-i", meta, "-map_metadata", "1",
    "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-movflags", "use_metadata_tags", "-y", file,
  ]);
  return file;
}

/** EXIF as sharp writes it: IFD0 (Make, Model, Software), IFD2 (the Exif IFD: DateTimeOriginal), IFD3 (GPS), values as strings. */
export type ExifTags = Partial<Record<"IFD0" | "IFD1" | "IFD2" | "IFD3", Record<string, string>>>;

/** A JPEG (a drawing from `makeImage`) carrying the given EXIF. */
export async function makeImageWithExif(seed: number, exif: ExifTags): Promise<Buffer> {
  return sharp(await makeImage(seed)).withExif(exif).jpeg({ quality: 90 }).toBuffer();
}

/**
 * The hostile files of the attack corpus, made here as an attacker would make them (issue 15):
 * playlists disguised as media that would point ffmpeg at another file on the server, decoder
 * bombs and a video that would hold a worker for hours. None of them is large on disk; each bomb asks a decoder for far more than it
 * carries: a real AVIF of one grey (1 KB at 8192², which libheif decodes whole), a progressive
 * JPEG whose frame header declares `width`×`height` (a progressive decoder allocates coefficients
 * for every declared block before it reads a scan), a real one-frame H.264 of `side`² and an
 * 8-hour still video.
 */
export const hostileMedia = {
  /** A DASH manifest whose bytes also pass for a Blu-ray MPEG-TS ("G" at offsets 4 and 196), pointing at `target`. */
  disguisedDash(target: string): Buffer {
    const mpd = `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT2S" minBufferTime="PT1S" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011"><Period><AdaptationSet mimeType="video/mp4"><Representation id="1" bandwidth="100000" width="160" height="120" codecs="avc1.42c00d"><BaseURL>file://${target}</BaseURL></Representation></AdaptationSet></Period></MPD>\n`;
    return Buffer.from(`<!--G${" ".repeat(191)}G-->${mpd}`);
  },

  /** An MP3 by its ID3 tag, which is longer than the sniffed head and hides an HLS playlist of `target` after it. */
  hlsBehindId3(target: string): Buffer {
    const size = 70_000;
    const header = Buffer.from([0x49, 0x44, 0x33, 4, 0, 0, (size >> 21) & 127, (size >> 14) & 127, (size >> 7) & 127, size & 127]);
    const playlist = `#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile://${target}\n#EXT-X-ENDLIST\n`;
    return Buffer.concat([header, Buffer.alloc(size), Buffer.from(playlist)]);
  },

  /** About 3 s of CPU and 1 GB for a moment at 8,192²: made once a run or a process. */
  async avif(side = 8192): Promise<Buffer> {
    const file = path.join(hostileDir(), `grey-${side}.avif`);
    if (fs.existsSync(file)) return fs.readFileSync(file);
    const grey = { width: side, height: side, channels: 3 as const, background: "#808080" };
    const bytes = await sharp({ create: grey, limitInputPixels: false }).avif({ effort: 0, quality: 1 }).toBuffer();
    fs.writeFileSync(file, bytes);
    return bytes;
  },

  async progressiveJpeg(width: number, height: number): Promise<Buffer> {
    const bytes = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#808080" } }).jpeg({ progressive: true }).toBuffer();
    const at = bytes.indexOf(Buffer.from([0xff, 0xc2])) + 5; // SOF2: marker, length, precision
    bytes.writeUInt16BE(height, at);
    bytes.writeUInt16BE(width, at + 2);
    return bytes;
  },

  /** Costs ffmpeg ~6 s of CPU and ~3.5 GB for a moment at 16,000²: made once a run or a process. */
  hugeVideo(side = 16_000): string {
    const file = path.join(hostileDir(), `huge-${side}.mp4`);
    for (const args of hugeVideoCommands(file, side)) execFileSync("ffmpeg", args);
    return file;
  },

  /** 8 hours of a grey 1080p picture at 2 frames a second: 57,600 frames, ~20 MB, made once a run or a process. */
  eightHourVideo(): string {
    const file = path.join(hostileDir(), "eight-hours.mp4");
    for (const args of eightHourCommands(file)) execFileSync("ffmpeg", args);
    return file;
  },
};

/** The ffmpeg runs that make a one-frame H.264 of `side`² at `file`, none when it is there already. */
function hugeVideoCommands(file: string, side: number): string[][] {
  if (fs.existsSync(file)) return [];
  return [[
    "-v", "error", "-f", "lavfi", "-i", `color=c=0x00ff00:s=${side}x${side}:r=1`, "-frames:v", "1",
    "-c:v", "libx264", "-preset", "ultrafast", "-qp", "51", "-pix_fmt", "yuv420p", "-y", file,
  ]];
}

/** The ffmpeg runs, in order, that make the 8-hour video at `file` (a 10-second clip looped), none when it is there already. */
function eightHourCommands(file: string): string[][] {
  if (fs.existsSync(file)) return [];
  const clip = path.join(path.dirname(file), "ten-seconds.mp4");
  return [
    [
      "-v", "error", "-f", "lavfi", "-i", "color=c=gray:s=1920x1080:r=2", "-t", "10", "-c:v", "libx264",
      "-preset", "ultrafast", "-tune", "stillimage", "-pix_fmt", "yuv420p", "-y", clip,
    ],
    ["-v", "error", "-stream_loop", "2879", "-i", clip, "-c", "copy", "-y", file],
  ];
}

const ffmpeg = promisify(execFile);
async function runInOrder(commands: string[][]): Promise<void> {
  for (const args of commands) await ffmpeg("ffmpeg", args);
}

/**
 * Makes the costly hostile files in `dir`, where `hostileMedia` then finds them (Playwright's
 * global setup): the three at once, beside whatever else the setup is doing.
 */
export async function prepareHostileMedia(dir: string): Promise<void> {
  process.env[HOSTILE_MEDIA_ENV] = dir;
  await Promise.all([
    runInOrder(hugeVideoCommands(path.join(dir, "huge-16000.mp4"), 16_000)),
    runInOrder(eightHourCommands(path.join(dir, "eight-hours.mp4"))),
    hostileMedia.avif(8192),
  ]);
}

/**
 * A WAV sound recording made in memory (no ffmpeg): 16-bit mono at 8 kHz, a tone whose pitch
 * `seed` sets, `seconds` long. Sniffed as audio/wav: an item that takes time-coded notes.
 */
export function makeWav(seconds = 2, seed = 1): Buffer {
  const rate = 8000;
  const samples = Math.round(seconds * rate);
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write("RIFF", 0, "ascii");
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write("WAVEfmt ", 8, "ascii");
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write("data", 36, "ascii");
  wav.writeUInt32LE(samples * 2, 40);
  const pitch = 220 + (seed % 50) * 10;
  for (let i = 0; i < samples; i++) wav.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * pitch * i) / rate)), 44 + i * 2);
  return wav;
}
