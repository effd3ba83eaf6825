import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Media for the end-to-end tests, made on the fly (ffmpeg's lavfi sources, sharp drawings): no
 * binaries are committed. Each call writes into a temp folder of its own, removed by `cleanMedia`.
 */
let dir: string | undefined;
export function mediaDir(): string {
  dir ??= fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-e2e-media-"));
  return dir;
}
export function cleanMedia() {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}

export const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** An H.264 MP4 from an ffmpeg source (testsrc by default), 25 fps. */
export function makeVideo(name: string, { source = "testsrc", seconds = 4, size = "640x360" } = {}): Buffer {
  const file = path.join(mediaDir(), name);
  execFileSync("ffmpeg", [
    "-v", "error", "-f", "lavfi", "-i", `${source}=size=${size}:rate=25`, "-t", String(seconds),
    "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-y", file,
  ]);
  return fs.readFileSync(file);
}

/** The same video re-encoded smaller and worse, as a platform re-upload would be. */
export function reencodeVideo(input: Buffer, name: string): Buffer {
  const source = path.join(mediaDir(), `src-${name}`);
  const file = path.join(mediaDir(), name);
  fs.writeFileSync(source, input);
  execFileSync("ffmpeg", ["-v", "error", "-i", source, "-vf", "scale=320:-2", "-c:v", "libx264", "-crf", "35", "-preset", "ultrafast", "-y", file]);
  return fs.readFileSync(file);
}

export { degradeImage, makeImage, makeWav } from "../../lib/test/media";

/** The start of an x86-64 ELF executable followed by noise: not an accepted kind of file. */
export function elfBytes(size = 4096): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 131 + 7) & 0xff;
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]).copy(bytes, 0);
  return bytes;
}
