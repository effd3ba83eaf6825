import { env } from "@/lib/env";

/**
 * The caller's address. Next.js fills X-Forwarded-For with the socket's address only when the
 * request has none, and a reverse proxy appends the address it saw; so the entry TRUSTED_PROXY_HOPS
 * from the right is the one no client chose (1, the default, is right both for a direct
 * connection and behind one proxy). A client talking to Next directly can still send its own
 * header: the per-account limit does not depend on this.
 */
export function clientAddress(headers: Headers): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const address = entries[Math.max(0, entries.length - env.TRUSTED_PROXY_HOPS)] || headers.get("x-real-ip")?.trim() || "local";
  return address.slice(0, 64);
}
