import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

const PEER_HEADER_KEY = Symbol.for("corroborate.peerAddressHeader");
const globals = globalThis as Record<symbol, unknown>;

describe("clientAddress", () => {
  it("is the address the server stamped from the socket, not one a client put in X-Forwarded-For (no TRUSTED_PROXIES)", () => {
    globals[PEER_HEADER_KEY] = "x-corroborate-peer";
    try {
      const peer = { "x-corroborate-peer": "::ffff:198.51.100.200" };
      expect(clientAddress(new Headers({ ...peer, "x-forwarded-for": "6.6.6.6, 203.0.113.9" }))).toBe("198.51.100.200");
      expect(clientAddress(new Headers({ ...peer, "x-forwarded-for": "198.51.100.1" }))).toBe("198.51.100.200");
      expect(clientAddress(new Headers({ ...peer, "x-real-ip": "192.0.2.1" }))).toBe("198.51.100.200");
      expect(clientAddress(new Headers(peer))).toBe("198.51.100.200");
      expect(clientAddress(new Headers({ "x-forwarded-for": "198.51.100.1" }))).toBe("unknown");
    } finally {
      delete globals[PEER_HEADER_KEY];
    }
  });

  it("refuses to guess on a server started without the preload", () => {
    expect(() => clientAddress(new Headers({ "x-corroborate-peer": "198.51.100.200", "x-forwarded-for": "203.0.113.9" }))).toThrow(
      /peer-address-preload/,
    );
  });
});
