import { createHash, createHmac, randomBytes } from "node:crypto";
import type { Readable } from "node:stream";

/**
 * What identifies an item's bytes: their SHA-256, and their commitment — HMAC-SHA-256 of the same
 * bytes under a random 256-bit key of this item alone (hex). The hash lets anyone holding a copy
 * recognise it; the commitment lets nobody without the key, yet binds us to these bytes, so a
 * court given the key later can check it (issue 23).
 */
export type Fingerprint = { sha256: string; commitmentKey: string; commitment: string };

/** Both digests in one pass over the bytes, with a fresh key. */
export function fingerprinter(key: Buffer = randomBytes(32)) {
  const hash = createHash("sha256");
  const mac = createHmac("sha256", key);
  return {
    update(chunk: Uint8Array | string) {
      hash.update(chunk);
      mac.update(chunk);
    },
    digest(): Fingerprint {
      return { sha256: hash.digest("hex"), commitmentKey: key.toString("hex"), commitment: mac.digest("hex") };
    },
  };
}

/** The fingerprint of a stream of bytes (an item stored before commitments existed), read once. */
export async function fingerprintStream(stream: Readable): Promise<Fingerprint> {
  const print = fingerprinter();
  for await (const chunk of stream) print.update(chunk as Buffer);
  return print.digest();
}
