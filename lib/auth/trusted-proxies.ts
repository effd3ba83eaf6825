import net from "node:net";
import ipaddr from "ipaddr.js";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** A proxy whose X-Forwarded-For entries are believed: one address, or a range (CIDR). */
export type TrustedProxy = { range: [Address, number]; text: string };

/**
 * An IP address in one of its ordinary spellings, IPv4-mapped IPv6 (`::ffff:1.2.3.4`, how a
 * dual-stack socket shows an IPv4 peer) as IPv4; null for anything else, including the loose
 * forms `ipaddr.parse` would take (`127.1`, `0x7f.0.0.1`) and entries with a port.
 */
export function parseAddress(value: string): Address | null {
  return net.isIP(value) ? ipaddr.process(value) : null;
}

/** `TRUSTED_PROXIES`: comma-separated addresses and CIDR ranges. Throws on an entry that is neither. */
export function parseTrustedProxies(list: string): TrustedProxy[] {
  return list
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((text) => {
      const [base, bits, ...rest] = text.split("/");
      const address = parseAddress(base);
      const width = address?.kind() === "ipv4" ? 32 : 128;
      const prefix = bits === undefined ? width : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
      if (!address || rest.length > 0 || !(prefix >= 0 && prefix <= width)) {
        throw new Error(`"${text}" is not an IP address or CIDR range`);
      }
      return { range: [address, prefix], text };
    });
}

export function isTrustedProxy(address: Address, proxies: readonly TrustedProxy[]): boolean {
  return proxies.some(({ range: [base, prefix] }) => base.kind() === address.kind() && address.match(base, prefix));
}

/** A socket's peer (as Node gives it) that is one of `proxies`: whose request id the server believes (lib/server/operations-preload.cjs). */
export function isTrustedPeer(peer: string | undefined, proxies: readonly TrustedProxy[]): boolean {
  const address = peer ? parseAddress(peer) : null;
  return address !== null && isTrustedProxy(address, proxies);
}

/**
 * The client's address, from the socket's peer and the X-Forwarded-For header: walking from the
 * right (the nearest hop), while a hop is a trusted proxy its X-Forwarded-For entry is believed,
 * and the first hop that is not one is the client. With no trusted proxies that is the socket's
 * peer, whatever the header says. An entry that is not an address ends the walk at the proxy
 * that passed it on: no client can choose the key its failures are counted under.
 */
export function resolveClientAddress(peer: string, forwardedFor: string | null, proxies: readonly TrustedProxy[]): string {
  let client = parseAddress(peer);
  if (!client) return "unknown";
  const entries = (forwardedFor ?? "").split(",").map((entry) => entry.trim());
  for (let i = entries.length - 1; i >= 0 && isTrustedProxy(client, proxies); i--) {
    const previous = parseAddress(entries[i]);
    if (!previous) break;
    client = previous;
  }
  return client.toString();
}
