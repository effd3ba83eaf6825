import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

/** A backup holds password and token hashes and the evidence itself: owner-only, like the database. */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

export type WrittenFile = { sha256: string; bytes: number; lines: number };

/** Lines to a new file, hashed as they go; `write` waits when the disk is behind (constant memory). */
export function createLineWriter(file: string) {
  const out = fs.createWriteStream(file, { flags: "wx", mode: FILE_MODE });
  const hash = createHash("sha256");
  let bytes = 0;
  let lines = 0;
  let failure: Error | null = null;
  out.on("error", (error) => (failure = error));
  return {
    async write(line: string): Promise<void> {
      if (failure) throw failure;
      const chunk = Buffer.from(`${line}\n`, "utf8");
      hash.update(chunk);
      bytes += chunk.length;
      lines += 1;
      // once() rejects on an error meanwhile and leaves no listener behind.
      if (!out.write(chunk)) await once(out, "drain");
    },
    async close(): Promise<WrittenFile> {
      await new Promise<void>((resolve, reject) => {
        out.once("error", reject);
        out.end(() => resolve());
      });
      if (failure) throw failure;
      await syncFile(file);
      return { sha256: hash.digest("hex"), bytes, lines };
    },
  };
}

/** Flush a file (or a folder's entries) to disk, so a finished backup survives a power cut. */
export async function syncFile(target: string): Promise<void> {
  const handle = await fsp.open(target, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A stream's SHA-256 and length; with `to`, the bytes are also written to that new file. */
export async function hashStream(source: Readable, to?: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, to ? chunk : undefined);
    },
  });
  if (to) {
    await fsp.mkdir(path.dirname(to), { recursive: true, mode: DIR_MODE });
    try {
      await pipeline(source, meter, fs.createWriteStream(to, { flags: "wx", mode: FILE_MODE, highWaterMark: 4 * 1024 * 1024 }));
    } catch (error) {
      await fsp.rm(to, { force: true });
      throw error;
    }
  } else {
    await pipeline(source, meter);
  }
  return { sha256: hash.digest("hex"), bytes };
}

export function hashFile(file: string) {
  return hashStream(fs.createReadStream(file, { highWaterMark: 4 * 1024 * 1024 }));
}

/** The lines of a file, one at a time. */
export function readLines(file: string): AsyncIterable<string> {
  return createInterface({ input: fs.createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
}

/** A temp file name the app's start-up sweep recognises (`<pid>-….part`) if this process dies. */
export function tempFileIn(dir: string): string {
  return path.join(dir, `${process.pid}-${randomUUID()}.part`);
}

/** Write a small file whole and atomically: a reader sees the old state or the new, never half. */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await fsp.writeFile(temp, text, { mode: FILE_MODE, flag: "wx" });
  await syncFile(temp);
  await fsp.rename(temp, file);
  await syncFile(path.dirname(file));
}

/** "1 row", "12 rows": the progress lines' unit. */
export function rowsText(n: number): string {
  return `${n} ${n === 1 ? "row" : "rows"}`;
}
