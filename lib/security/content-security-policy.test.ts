import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DOCUMENT_CSS, DOCUMENT_CSS_SOURCE } from "../public-pages/styles";
import {
  API_CONTENT_SECURITY_POLICY,
  AUTH_PAGES_CONTENT_SECURITY_POLICY,
  createNonce,
  DOCUMENT_CONTENT_SECURITY_POLICY,
  FORWARDED_HTTPS,
  MAP_TILE_ORIGIN,
  pageContentSecurityPolicy,
  parseContentSecurityPolicy,
} from "./content-security-policy";

describe("page policy", () => {
  it("with a nonce, admits only scripts carrying it (and what they load), never inline or eval", () => {
    const policy = parseContentSecurityPolicy(pageContentSecurityPolicy({ nonce: "abc123==" }));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    // The public documents' one sheet by its hash too (the editors' preview frames a document).
    expect(policy.get("style-src")).toEqual(["'self'", "'nonce-abc123=='", DOCUMENT_CSS_SOURCE]);
    for (const directive of ["script-src", "style-src"]) {
      expect(policy.get(directive)).not.toContain("'unsafe-inline'");
      expect(policy.get(directive)).not.toContain("'unsafe-eval'");
    }
  });

  it("denies framing, plugins, base tags and foreign form targets, and loads only from us and the map tiles", () => {
    for (const nonce of ["n0nce", null]) {
      const policy = parseContentSecurityPolicy(pageContentSecurityPolicy({ nonce }));
      expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
      expect(policy.get("object-src")).toEqual(["'none'"]);
      expect(policy.get("base-uri")).toEqual(["'none'"]);
      expect(policy.get("form-action")).toEqual(["'self'"]);
      expect(policy.get("default-src")).toEqual(["'self'"]);
      expect(policy.get("connect-src")).toEqual(["'self'"]);
      expect(policy.get("img-src")).toEqual(["'self'", MAP_TILE_ORIGIN]);
      // No wildcard, scheme or foreign host anywhere but the tiles in img-src.
      const sources = [...policy.values()].flat().filter((s) => s !== MAP_TILE_ORIGIN);
      expect(sources.filter((s) => !s.startsWith("'"))).toEqual([]);
    }
  });

  it("without a nonce (static files, prefetches) allows inline scripts of our own HTML, but no eval and no inline style but the documents' sheet", () => {
    const policy = parseContentSecurityPolicy(pageContentSecurityPolicy({ nonce: null }));
    expect(policy.get("script-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get("style-src")).toEqual(["'self'", DOCUMENT_CSS_SOURCE]);
  });

  it("adds eval and inline styles only for next dev", () => {
    const dev = parseContentSecurityPolicy(pageContentSecurityPolicy({ nonce: "n", isDev: true }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(pageContentSecurityPolicy({ nonce: "n" })).not.toContain("unsafe-eval");
  });
});

describe("fixed policies", () => {
  it("API answers may load and run nothing, and are sandboxed when opened as a document", () => {
    const policy = parseContentSecurityPolicy(API_CONTENT_SECURITY_POLICY);
    expect(policy.get("default-src")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.has("sandbox")).toBe(true);
    expect(policy.has("script-src")).toBe(false);
  });

  it("public documents run no script and style themselves only with their one sheet", () => {
    const policy = parseContentSecurityPolicy(DOCUMENT_CONTENT_SECURITY_POLICY);
    expect(policy.get("default-src")).toEqual(["'none'"]);
    expect(policy.has("script-src")).toBe(false);
    expect(policy.get("style-src")).toEqual([`'sha256-${createHash("sha256").update(DOCUMENT_CSS).digest("base64")}'`]);
    expect(policy.get("img-src")).toEqual(["'self'", MAP_TILE_ORIGIN]);
    // The web app manifest, from here only (a phone installs the site from any public page).
    expect(policy.get("manifest-src")).toEqual(["'self'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
  });

  it("Auth.js's pages run no script", () => {
    const policy = parseContentSecurityPolicy(AUTH_PAGES_CONTENT_SECURITY_POLICY);
    expect(policy.get("default-src")).toEqual(["'none'"]);
    expect(policy.has("script-src")).toBe(false);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  });
});

describe("nonces", () => {
  it("are 128 random bits in base64, a new one each time", () => {
    const nonces = Array.from({ length: 200 }, createNonce);
    expect(new Set(nonces).size).toBe(200);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    }
  });
});

describe("HTTPS behind a proxy", () => {
  // next.config.ts's `has` condition: Next anchors the pattern to the whole header value.
  const matches = (value: string) => new RegExp(`^${FORWARDED_HTTPS}$`).test(value);
  it("is a forwarded proto whose first entry is https", () => {
    expect(matches("https")).toBe(true);
    expect(matches("https, http")).toBe(true);
    expect(matches("http")).toBe(false);
    expect(matches("http, https")).toBe(false);
    expect(matches("httpsx")).toBe(false);
  });
});
