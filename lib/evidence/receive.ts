import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { isProcessAlive } from "@/db/lock";
import { AppError } from "@/lib/errors/app-error";
import { fingerprinter, type Fingerprint } from "./fingerprint";
import { sizeText } from "./size-text";
import { tr } from "@/lib/i18n/translate";

/** A received file: where it waits, its fingerprint (SHA-256 and commitment, ./fingerprint.ts), its size and first bytes. */
export type Received = Fingerprint & { tempPath: string; size: number; head: Buffer };

const HEAD_BYTES = 64 * 1024;

/**
 * Stream bytes to a temp file while hashing them (SHA-256 and the item's commitment, in the same
 * pass): never the whole file in memory. Over
 * `maxBytes` the stream is cut and the temp file removed (413). The caller commits the temp file
 * to the blob store, or removes it.
 */
export async function receiveToTemp(source: Readable, { dir, maxBytes }: { dir: string; maxBytes: number }): Promise<Received> {
  const tempPath = path.join(dir, `${process.pid}-${randomUUID()}.part`);
  const hash = fingerprinter();
  const headChunks: Buffer[] = [];
  let headSize = 0;
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) {
        callback(new AppError("PAYLOAD_TOO_LARGE", tr("errors.api.fileTooLarge", { limit: sizeText(maxBytes) })));
        return;
      }
      hash.update(chunk);
      if (headSize < HEAD_BYTES) {
        headChunks.push(chunk.subarray(0, HEAD_BYTES - headSize));
        headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
      }
      callback(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, fs.createWriteStream(tempPath, { flags: "wx", highWaterMark: 4 * 1024 * 1024 }));
  } catch (error) {
    await fsp.rm(tempPath, { force: true });
    throw error;
  }
  return { tempPath, ...hash.digest(), size, head: Buffer.concat(headChunks) };
}

/** At start: remove temp files left by processes that died mid-upload. */
export async function sweepTempFiles(dir: string): Promise<number> {
  let removed = 0;
  for (const name of await fsp.readdir(dir).catch(() => [] as string[])) {
    const pid = Number(name.split("-")[0]);
    if (!name.endsWith(".part") || pid === process.pid || (Number.isInteger(pid) && isProcessAlive(pid))) continue;
    await fsp.rm(path.join(dir, name), { force: true });
    removed += 1;
  }
  return removed;
}
