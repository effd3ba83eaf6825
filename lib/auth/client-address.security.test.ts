import http from "node:http";
import { createRequire } from "node:module";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isTrustedPeer, parseTrustedProxies, resolveClientAddress } from "./trusted-proxies";

/**
 * Issue 14, finding 5: the per-address sign-in limit took an X-Forwarded-For entry counted from
 * the right, so any client chose the address its failures were counted under. Now only proxies
 * listed in TRUSTED_PROXIES are believed, and the socket's own address reaches the app through a
 * header the server stamps and no client can set.
 */

const NONE = parseTrustedProxies("");
const LOCAL_PROXY = parseTrustedProxies("127.0.0.1,::1");

describe("resolveClientAddress", () => {
  it("with no trusted proxy, is the socket's address whatever the header says", () => {
    expect(resolveClientAddress("203.0.113.9", null, NONE)).toBe("203.0.113.9");
    expect(resolveClientAddress("203.0.113.9", "198.51.100.1", NONE)).toBe("203.0.113.9");
    expect(resolveClientAddress("127.0.0.1", "198.51.100.1, 198.51.100.2", NONE)).toBe("127.0.0.1");
  });

  it("believes a trusted proxy's entry, and only the entries trusted proxies appended", () => {
    // nginx on the same host: the entry it appended is the client.
    expect(resolveClientAddress("127.0.0.1", "203.0.113.9", LOCAL_PROXY)).toBe("203.0.113.9");
    // A client's own entries come before it: they are not read.
    expect(resolveClientAddress("127.0.0.1", "6.6.6.6, 203.0.113.9", LOCAL_PROXY)).toBe("203.0.113.9");
    // Two trusted hops (a load balancer in a private range, then nginx).
    const two = parseTrustedProxies("127.0.0.1, 10.0.0.0/8");
    expect(resolveClientAddress("127.0.0.1", "6.6.6.6, 203.0.113.9, 10.1.2.3", two)).toBe("203.0.113.9");
    // An untrusted hop in the middle ends the walk there, even if the entry before it looks trusted.
    expect(resolveClientAddress("127.0.0.1", "10.9.9.9, 198.51.100.7", two)).toBe("198.51.100.7");
    // A request from the proxy itself, or all hops trusted: the furthest one.
    expect(resolveClientAddress("127.0.0.1", null, LOCAL_PROXY)).toBe("127.0.0.1");
    expect(resolveClientAddress("127.0.0.1", "10.0.0.5", two)).toBe("10.0.0.5");
  });

  it("matches CIDR ranges at their edges", () => {
    const range = parseTrustedProxies("192.0.2.0/28");
    expect(resolveClientAddress("192.0.2.15", "203.0.113.9", range)).toBe("203.0.113.9");
    expect(resolveClientAddress("192.0.2.16", "203.0.113.9", range)).toBe("192.0.2.16");
    expect(resolveClientAddress("192.0.1.255", "203.0.113.9", range)).toBe("192.0.1.255");
  });

  it("handles IPv6, and IPv4 as a dual-stack socket shows it", () => {
    expect(resolveClientAddress("::1", "2001:db8::5", LOCAL_PROXY)).toBe("2001:db8::5");
    expect(resolveClientAddress("::ffff:127.0.0.1", "203.0.113.9", LOCAL_PROXY)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:203.0.113.9", "6.6.6.6", LOCAL_PROXY)).toBe("203.0.113.9");
    const v6 = parseTrustedProxies("2001:db8:1::/48");
    expect(resolveClientAddress("2001:db8:1:ffff::1", "2001:db8:2::9, 2001:0db8:0001::2", v6)).toBe("2001:db8:2::9");
    expect(resolveClientAddress("2001:db8:2::1", "203.0.113.9", v6)).toBe("2001:db8:2::1");
    // An IPv4 range does not match IPv6 addresses, nor the other way round.
    expect(resolveClientAddress("::1", "203.0.113.9", parseTrustedProxies("0.0.0.0/0"))).toBe("::1");
    expect(resolveClientAddress("127.0.0.1", "203.0.113.9", parseTrustedProxies("::/0"))).toBe("127.0.0.1");
  });

  it("stops at the trusted proxy that passed on something that is not an address", () => {
    for (const garbage of ["", "unknown", "not-an-ip", "127.1", "0x7f.0.0.1", "203.0.113.9:4711", "[2001:db8::1]", "1.2.3.4 5.6.7.8", "<script>", "a".repeat(5000)]) {
      expect(resolveClientAddress("127.0.0.1", garbage, LOCAL_PROXY), JSON.stringify(garbage.slice(0, 20))).toBe("127.0.0.1");
      expect(resolveClientAddress("127.0.0.1", `203.0.113.9, ${garbage}`, LOCAL_PROXY)).toBe("127.0.0.1");
    }
    expect(resolveClientAddress("127.0.0.1", "203.0.113.9,,", LOCAL_PROXY)).toBe("127.0.0.1");
  });

  it("without a socket address, counts the request as unknown rather than believing the header", () => {
    expect(resolveClientAddress("", "203.0.113.9", LOCAL_PROXY)).toBe("unknown");
    expect(resolveClientAddress("garbage", "203.0.113.9", NONE)).toBe("unknown");
  });

  it("rotating X-Forwarded-For values all count under the one socket address (the lockout key)", () => {
    const keys = new Set(Array.from({ length: 30 }, (_, i) => resolveClientAddress("198.51.100.200", `203.0.113.${i}`, NONE)));
    expect([...keys]).toEqual(["198.51.100.200"]);
    // And a client naming a victim's address is counted under its own, never the victim's.
    expect(resolveClientAddress("198.51.100.200", "192.0.2.44", LOCAL_PROXY)).toBe("198.51.100.200");
    expect(resolveClientAddress("127.0.0.1", "192.0.2.44, 198.51.100.200", LOCAL_PROXY)).toBe("198.51.100.200");
  });
});

describe("parseTrustedProxies", () => {
  it("reads addresses and ranges, with spaces and empty entries", () => {
    expect(parseTrustedProxies(" 127.0.0.1 , ::1,,10.0.0.0/8, 2001:db8::/32 ").map((p) => p.text)).toEqual([
      "127.0.0.1",
      "::1",
      "10.0.0.0/8",
      "2001:db8::/32",
    ]);
    expect(parseTrustedProxies("")).toEqual([]);
  });

  it.each(["localhost", "127.1", "10.0.0.0/33", "::1/129", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0.0/x", "300.0.0.1", "*"])(
    "refuses %j",
    (entry) => {
      expect(() => parseTrustedProxies(`127.0.0.1,${entry}`)).toThrow(`"${entry}" is not an IP address or CIDR range`);
    },
  );
});

describe("isTrustedPeer (whose request id a server believes)", () => {
  const proxies = parseTrustedProxies("127.0.0.1,10.0.0.0/8,fd00::/8");
  it("is the socket's peer among the proxies, an IPv4 peer on a dual-stack socket too; nothing else", () => {
    expect(isTrustedPeer("127.0.0.1", proxies)).toBe(true);
    expect(isTrustedPeer("::ffff:10.1.2.3", proxies)).toBe(true);
    expect(isTrustedPeer("fd00::1", proxies)).toBe(true);
    for (const peer of ["127.0.0.2", "::ffff:127.0.0.2", "192.0.2.1", "127.1", "", undefined, "not an address"]) expect(isTrustedPeer(peer, proxies), String(peer)).toBe(false);
    expect(isTrustedPeer("127.0.0.1", [])).toBe(false);
  });
});

describe("the peer-address preload", () => {
  let server: http.Server;
  let port: number;
  let header: string;
  const seen: (string | string[] | undefined)[] = [];

  beforeAll(async () => {
    createRequire(import.meta.url)("../server/peer-address-preload.cjs");
    header = (globalThis as Record<symbol, unknown>)[Symbol.for("corroborate.peerAddressHeader")] as string;
    server = http.createServer((req, res) => {
      seen.push(req.headers[header]);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** A request written by hand, so the header can be sent twice and in any case. */
  function rawRequest(headers: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1", () => socket.write(`GET / HTTP/1.1\r\nHost: x\r\n${headers}Connection: close\r\n\r\n`));
      socket.on("data", () => {});
      socket.on("end", () => resolve());
      socket.on("error", reject);
    });
  }

  it("stamps the socket's address, overwriting every copy a client sent", async () => {
    expect(header).toBe("x-corroborate-peer");
    seen.length = 0;
    await rawRequest("");
    await rawRequest(`${header}: 192.0.2.44\r\n`);
    await rawRequest(`X-Corroborate-Peer: 192.0.2.44\r\nx-corroborate-peer: 192.0.2.45\r\n`);
    await rawRequest(`X-Forwarded-For: 192.0.2.44\r\n`);
    expect(seen).toEqual(["127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1"]);
  });
});
