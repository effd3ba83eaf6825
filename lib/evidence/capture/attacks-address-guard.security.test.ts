import { describe, expect, it } from "vitest";
import { isPublicAddress, resolveFetchableAddress } from "./address-guard";

/**
 * IPv6 addresses that carry an IPv4 address (issue 14): each is judged by the IPv4 address it
 * carries, so page capture cannot reach loopback, a private network or the link-local metadata
 * service through a form the address library calls ordinary unicast (`::7f00:1`). A public IPv4
 * address inside lets the capture through (DNS64 answers 64:ff9b::a.b.c.d for every IPv4 site).
 */

const IPV4 = { loopback: "127.0.0.1", private: "10.1.2.3", "link-local": "169.254.169.254", public: "93.184.216.34" } as const;

const hex = (ipv4: string) => ipv4.split(".").map(Number);
const words = (ipv4: string) => {
  const [a, b, c, d] = hex(ipv4);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
};
const inverted = (ipv4: string) => words(hex(ipv4).map((b) => b ^ 0xff).join("."));

/** Each form, written around an IPv4 address. */
const FORMS: Record<string, (ipv4: string) => string> = {
  "IPv4-mapped": (v4) => `::ffff:${v4}`,
  "IPv4-mapped, hex": (v4) => `::ffff:${words(v4).join(":")}`,
  "IPv4-compatible": (v4) => `::${v4}`,
  "IPv4-compatible, hex": (v4) => `::${words(v4).join(":")}`,
  "NAT64 64:ff9b::/96": (v4) => `64:ff9b::${v4}`,
  "NAT64 local-use 64:ff9b:1::/48 as a /96": (v4) => `64:ff9b:1::${words(v4).join(":")}`,
  "6to4 2002::/16": (v4) => `2002:${words(v4).join(":")}::1`,
  "Teredo 2001::/32 (client)": (v4) => `2001:0:5db8:d822:8000:f227:${inverted(v4).join(":")}`,
  "ISATAP ::5efe:a.b.c.d on a global prefix": (v4) => `2606:2800:220:1:0:5efe:${words(v4).join(":")}`,
  "ISATAP ::200:5efe:a.b.c.d on a global prefix": (v4) => `2606:2800:220:1:200:5efe:${words(v4).join(":")}`,
};

describe("IPv6 forms that carry an IPv4 address", () => {
  for (const [form, write] of Object.entries(FORMS)) {
    for (const kind of ["loopback", "private", "link-local"] as const) {
      it(`refuses ${form} of a ${kind} address (${write(IPV4[kind])})`, async () => {
        const address = write(IPV4[kind]);
        expect(isPublicAddress(address)).toBe(false);
        await expect(resolveFetchableAddress(`[${address}]`, [])).rejects.toMatchObject({ code: "INVALID_STATE", details: { guard: "address" } });
      });
    }
    it(`lets ${form} of a public address through (${write(IPV4.public)})`, async () => {
      const address = write(IPV4.public);
      expect(isPublicAddress(address)).toBe(true);
      await expect(resolveFetchableAddress(`[${address}]`, [])).resolves.toMatchObject({ address, family: 6 });
    });
  }

  it("refuses a Teredo address whose server is not public, whatever its client", () => {
    expect(isPublicAddress(`2001:0:7f00:1:8000:f227:${inverted(IPV4.public).join(":")}`)).toBe(false);
    expect(isPublicAddress(`2001:0:a01:203:8000:f227:${inverted(IPV4.public).join(":")}`)).toBe(false);
  });

  it("refuses the local-use NAT64 prefix in a layout other than a /96 (the IPv4 address split around bits 64–71)", () => {
    expect(isPublicAddress("64:ff9b:1:5db8:d8:2200::")).toBe(false);
  });

  it("refuses ISATAP on a prefix that is not public, whatever the IPv4 address inside", () => {
    expect(isPublicAddress(`fe80::5efe:${IPV4.public}`)).toBe(false);
    expect(isPublicAddress(`fc00::5efe:${IPV4.public}`)).toBe(false);
    expect(isPublicAddress(`2001:db8::5efe:${IPV4.public}`)).toBe(false);
  });

  it("still refuses IPv6's own loopback, unspecified, link-local and unique-local addresses, and lets a plain public one through", () => {
    for (const address of ["::1", "::", "fe80::1", "fc00::1", "ff02::1"]) expect(isPublicAddress(address), address).toBe(false);
    expect(isPublicAddress("2606:2800:220:1:248:1893:25c8:1946")).toBe(true);
  });
});
