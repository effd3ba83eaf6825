import "server-only";
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/env";

/**
 * Secrets the server must read back (a TOTP secret), sealed with AES-256-GCM under a key derived
 * from AUTH_SECRET (HKDF, one key per purpose), and keyed hashes of one-time codes. A copy of the
 * database alone then holds nothing a second factor can be made from. Changing AUTH_SECRET makes
 * every sealed secret unreadable: people re-enrol their authenticator apps.
 */
type Purpose = "totp-secret" | "recovery-code";

const keys = new Map<Purpose, Buffer>();

function keyFor(purpose: Purpose): Buffer {
  let key = keys.get(purpose);
  if (!key) keys.set(purpose, (key = Buffer.from(hkdfSync("sha256", authSecret(), "corroborate", `corroborate ${purpose} v1`, 32))));
  return key;
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url. */
export function seal(purpose: Purpose, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** The plain text, or null when the box was sealed under another key or has been tampered with. */
export function open(purpose: Purpose, sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** A keyed hash (HMAC-SHA-256) of a short one-time code: without AUTH_SECRET the stored hashes cannot be tried offline. */
export function keyedHash(purpose: Purpose, value: string): string {
  return createHmac("sha256", keyFor(purpose)).update(value).digest("hex");
}
