import { env } from "@/lib/env";
import { resolveClientAddress } from "./trusted-proxies";

/**
 * The header lib/server/peer-address-preload.cjs stamps with the socket's address on every
 * request, overwriting any copy a client sent. The preload leaves its name on globalThis; without
 * the preload no such header can be told from one a client made up, so nothing is trusted.
 */
export function peerAddressHeader(): string {
  const name = (globalThis as Record<symbol, unknown>)[Symbol.for("corroborate.peerAddressHeader")];
  if (typeof name !== "string") {
    throw new Error("The server was started without lib/server/peer-address-preload.cjs: start it with `npm start`");
  }
  return name;
}

/**
 * The caller's address, for the per-address sign-in limit: the socket's peer, or, when that is a
 * proxy in TRUSTED_PROXIES, the address it (and any trusted proxy before it) forwarded.
 */
export function clientAddress(headers: Headers): string {
  return resolveClientAddress(headers.get(peerAddressHeader()) ?? "", headers.get("x-forwarded-for"), env.TRUSTED_PROXIES);
}
