import "server-only";
import dns from "node:dns/promises";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";

/**
 * Page capture fetches URLs people paste, so it must not become a way into our own network
 * (SSRF). Only public unicast addresses are fetched: loopback, private, link-local (and so the
 * 169.254.169.254 metadata service), unique-local, CGNAT, multicast, reserved and unspecified
 * ranges are refused, for IPv4 and IPv6 (IPv4-mapped IPv6 is unwrapped first). Hosts named in
 * EVIDENCE_FETCH_ALLOWLIST are exempt — the tests use it for a local page.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === "unicast";
}

export function isAllowlisted(hostname: string, allowlist: string[] = env.EVIDENCE_FETCH_ALLOWLIST): boolean {
  return allowlist.includes(hostname.toLowerCase().replace(/^\[|\]$/g, ""));
}

/** The address to connect to for `hostname`, checked; the connection is pinned to it, so DNS cannot change it after the check. */
export async function resolveFetchableAddress(
  hostname: string,
  allowlist: string[] = env.EVIDENCE_FETCH_ALLOWLIST,
): Promise<{ address: string; family: 4 | 6 }> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  const allowlisted = isAllowlisted(bare, allowlist);
  let results: { address: string; family: number }[];
  if (net.isIP(bare)) {
    results = [{ address: bare, family: net.isIP(bare) }];
  } else {
    try {
      results = await dns.lookup(bare, { all: true, verbatim: true });
    } catch {
      throw new AppError("INVALID_STATE", `The host ${bare} could not be resolved.`, { guard: "address" });
    }
  }
  if (results.length === 0) throw new AppError("INVALID_STATE", `The host ${bare} has no address.`, { guard: "address" });
  // Every address must pass: a name that also points inward is refused outright.
  if (!allowlisted) {
    const inward = results.find((r) => !isPublicAddress(r.address));
    if (inward) {
      throw new AppError("INVALID_STATE", `Refused: ${bare} resolves to a non-public address (${inward.address}).`, { guard: "address" });
    }
  }
  return { address: results[0].address, family: results[0].family === 6 ? 6 : 4 };
}
