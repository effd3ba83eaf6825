import "server-only";
import dns from "node:dns/promises";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { sayForRecord } from "./record-language";

/**
 * Page capture fetches URLs people paste, so it must not become a way into our own network
 * (SSRF). Only public unicast addresses are fetched: loopback, private, link-local (and so the
 * 169.254.169.254 metadata service), unique-local, CGNAT, multicast, reserved and unspecified
 * ranges are refused, for IPv4 and IPv6. An IPv6 address that carries an IPv4 one is judged by
 * that IPv4 address (see `embeddedIPv4`). Hosts named in EVIDENCE_FETCH_ALLOWLIST are exempt — the
 * tests use it for a local page.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv4") return parsed.range() === "unicast";
  const ipv6 = parsed as ipaddr.IPv6;
  const embedded = embeddedIPv4(ipv6);
  if (embedded === null) return ipv6.range() === "unicast";
  if (embedded.length === 0 || !embedded.every((ipv4) => ipv4.range() === "unicast")) return false;
  // ISATAP keeps its IPv4 address in the interface identifier; the prefix routes on its own.
  return isIsatap(ipv6) ? ipv6.range() === "unicast" : true;
}

/**
 * The IPv4 addresses an IPv6 address carries, or null when it is a plain IPv6 address. ipaddr.js
 * calls the IPv4-compatible form (`::7f00:1`, deprecated) ordinary unicast, and a host or a
 * translator on the way may still reach the IPv4 address inside it; the other forms it names, and
 * refusing them all would refuse every site on an IPv6-only network behind DNS64 (which answers
 * 64:ff9b::a.b.c.d). An empty list means a layout we cannot read: refused.
 *
 * - IPv4-mapped `::ffff:a.b.c.d` and IPv4-compatible `::a.b.c.d`: the last 32 bits;
 * - NAT64 (RFC 6052) `64:ff9b::/96`, and the local-use `64:ff9b:1::/48` (RFC 8215) when laid out
 *   as a /96 (its other layouts split the address around bits 64–71: refused);
 * - 6to4 `2002:AABB:CCDD::/48`: bits 16–47;
 * - Teredo `2001:0::/32`: the server (bits 32–63) and the client (the last 32 bits, inverted);
 * - ISATAP `…:0000:5efe:a.b.c.d` or `…:0200:5efe:a.b.c.d`: the last 32 bits.
 */
export function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4[] | null {
  const bytes = address.toByteArray();
  const ipv4 = (at: number, invert = false) => new ipaddr.IPv4(bytes.slice(at, at + 4).map((b) => (invert ? b ^ 0xff : b)));
  const zero = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  const words = address.parts;
  if (zero(0, 10) && ((bytes[10] === 0xff && bytes[11] === 0xff) || (bytes[10] === 0 && bytes[11] === 0 && !zero(12, 16)))) return [ipv4(12)];
  if (words[0] === 0x64 && words[1] === 0xff9b) {
    if (words[2] === 0) return zero(4, 12) ? [ipv4(12)] : [];
    if (words[2] === 1) return zero(6, 12) ? [ipv4(12)] : [];
  }
  if (words[0] === 0x2002) return [ipv4(2)];
  if (words[0] === 0x2001 && words[1] === 0) return [ipv4(4), ipv4(12, true)];
  if (isIsatap(address)) return [ipv4(12)];
  return null;
}

function isIsatap(address: ipaddr.IPv6): boolean {
  const [, , , , id0, id1] = address.parts;
  return (id0 === 0 || id0 === 0x200) && id1 === 0x5efe;
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
      throw new AppError("INVALID_STATE", sayForRecord("errors.capture.unresolvable", { host: bare }), { guard: "address" });
    }
  }
  if (results.length === 0) throw new AppError("INVALID_STATE", sayForRecord("errors.capture.noAddress", { host: bare }), { guard: "address" });
  // Every address must pass: a name that also points inward is refused outright.
  if (!allowlisted) {
    const inward = results.find((r) => !isPublicAddress(r.address));
    if (inward) {
      throw new AppError("INVALID_STATE", sayForRecord("errors.capture.inwardAddress", { host: bare, address: inward.address }), { guard: "address" });
    }
  }
  return { address: results[0].address, family: results[0].family === 6 ? 6 : 4 };
}
