import { afterEach, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { assertSameOrigin, isSameOriginRequest } from "./same-origin";

const SITE = "http://127.0.0.1:3000";
const at = (method: string, headers: Record<string, string>) => new Request("http://localhost:3000/api/v1/claims", { method, headers: { host: "127.0.0.1:3000", ...headers } });
const publicUrl = env.PUBLIC_URL;

afterEach(() => {
  env.PUBLIC_URL = publicUrl;
});

describe("isSameOriginRequest", () => {
  it("lets an unsafe method through from the site's own origin, and safe methods from anywhere", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) expect(isSameOriginRequest(at(method, { origin: SITE })), method).toBe(true);
    for (const method of ["GET", "HEAD", "OPTIONS"]) expect(isSameOriginRequest(at(method, { origin: "http://evil.example" })), method).toBe(true);
  });

  it("refuses another site, another port of the same host, a sibling subdomain, a null or malformed Origin", () => {
    for (const origin of ["http://evil.example", "http://127.0.0.1:3001", "http://127.0.0.1", "null", "", "not a url", "file:///etc/passwd", "http://127.0.0.1:3000.evil.example"]) {
      expect(isSameOriginRequest(at("POST", { origin })), origin).toBe(false);
    }
    const sibling = new Request("http://localhost:3000/x", { method: "POST", headers: { host: "corroborate.example", origin: "https://blog.corroborate.example" } });
    expect(isSameOriginRequest(sibling)).toBe(false);
  });

  it("compares hosts, not schemes (behind a TLS proxy that does not say X-Forwarded-Proto Next sees http)", () => {
    const behindTls = new Request("http://localhost:3000/x", { method: "POST", headers: { host: "corroborate.example", origin: "https://corroborate.example" } });
    expect(isSameOriginRequest(behindTls)).toBe(true);
    const forwarded = new Request("http://localhost:3000/x", { method: "POST", headers: { host: "internal:3000", "x-forwarded-host": "corroborate.example", origin: "https://corroborate.example" } });
    expect(isSameOriginRequest(forwarded)).toBe(true);
  });

  it("takes PUBLIC_URL's host as the site's too, beside the host the request was sent to", () => {
    env.PUBLIC_URL = "https://corroborate.example";
    const proxied = new Request("http://localhost:3000/x", { method: "POST", headers: { host: "internal:3000", origin: "https://corroborate.example" } });
    expect(isSameOriginRequest(proxied)).toBe(true);
    expect(isSameOriginRequest(at("POST", { origin: SITE }))).toBe(true);
    expect(isSameOriginRequest(at("POST", { origin: "https://evil.example" }))).toBe(false);
  });

  it("without Origin, lets only Sec-Fetch-Site same-origin or none through; with neither, a script's request passes", () => {
    expect(isSameOriginRequest(at("POST", { "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOriginRequest(at("POST", { "sec-fetch-site": "none" }))).toBe(true);
    for (const site of ["cross-site", "same-site", "anything"]) expect(isSameOriginRequest(at("POST", { "sec-fetch-site": site })), site).toBe(false);
    expect(isSameOriginRequest(at("POST", {}))).toBe(true);
  });

  it("Origin decides over Sec-Fetch-Site when both are sent", () => {
    expect(isSameOriginRequest(at("POST", { origin: "http://evil.example", "sec-fetch-site": "same-origin" }))).toBe(false);
  });

  it("assertSameOrigin refuses with CROSS_ORIGIN, a 403", () => {
    expect(() => assertSameOrigin(at("DELETE", { origin: "null" }))).toThrow(expect.objectContaining({ code: "CROSS_ORIGIN", status: 403 }));
    expect(() => assertSameOrigin(at("DELETE", { origin: SITE }))).not.toThrow();
  });
});
