import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { sessionClaimsFrom, usesSecureCookies } from "./session-cookie";

const SECRET = "a-test-secret-of-enough-length-for-hkdf";
const CLAIMS = { uid: "8d7c1a64-1c64-4c1e-9b52-0d1f3f1f2b11", sid: "f1b0a2c3-4d5e-4f60-8a7b-9c0d1e2f3a4b", sv: 3 };
const PLAIN = "authjs.session-token";
const SECURE = "__Secure-authjs.session-token";

/** A cookie as Auth.js writes it at sign-in: the name is the key's salt. */
async function sessionCookie(name: string, token: Record<string, unknown> = CLAIMS, { secret = SECRET, maxAge }: { secret?: string; maxAge?: number } = {}) {
  return `${name}=${await encode({ token, secret, salt: name, maxAge })}`;
}

const over = (proto: string | null, cookie: string, more: Record<string, string> = {}) =>
  new Headers({ cookie, ...(proto ? { "x-forwarded-proto": proto } : {}), ...more });

describe("the session cookie, read without Auth.js's round trip", () => {
  it("gives the session's row, user and version from a cookie Auth.js wrote", async () => {
    expect(await sessionClaimsFrom(over("http", await sessionCookie(PLAIN)), SECRET)).toEqual({
      userId: CLAIMS.uid,
      sessionId: CLAIMS.sid,
      sessionVersion: 3,
    });
  });

  it("reads the __Secure- cookie over https, and only it", async () => {
    expect(await sessionClaimsFrom(over("https", await sessionCookie(SECURE)), SECRET)).toMatchObject({ userId: CLAIMS.uid });
    // Over https a plain cookie (which a page on http could have planted) is not the session.
    expect(await sessionClaimsFrom(over("https", await sessionCookie(PLAIN)), SECRET)).toBeNull();
    // Over http the secure one is not read either: Auth.js wrote the plain one there.
    expect(await sessionClaimsFrom(over("http", await sessionCookie(SECURE)), SECRET)).toBeNull();
  });

  it("reads a cookie Auth.js split into chunks", async () => {
    const [, value] = (await sessionCookie(PLAIN)).split("=");
    const half = Math.ceil(value.length / 2);
    const chunked = `${PLAIN}.0=${value.slice(0, half)}; other=1; ${PLAIN}.1=${value.slice(half)}`;
    expect(await sessionClaimsFrom(over("http", chunked), SECRET)).toMatchObject({ sessionId: CLAIMS.sid });
  });

  it("refuses a cookie under another secret, an expired one, a changed one, and one without the claims", async () => {
    expect(await sessionClaimsFrom(over("http", await sessionCookie(PLAIN, CLAIMS, { secret: "another-secret-entirely-of-length" })), SECRET)).toBeNull();
    expect(await sessionClaimsFrom(over("http", await sessionCookie(PLAIN, CLAIMS, { maxAge: -60 })), SECRET)).toBeNull();
    const cookie = await sessionCookie(PLAIN);
    const flipped = cookie.slice(0, -5) + (cookie.at(-5) === "A" ? "B" : "A") + cookie.slice(-4);
    expect(await sessionClaimsFrom(over("http", flipped), SECRET)).toBeNull();
    expect(await sessionClaimsFrom(over("http", await sessionCookie(PLAIN, { uid: CLAIMS.uid, sid: CLAIMS.sid })), SECRET)).toBeNull();
    expect(await sessionClaimsFrom(over("http", await sessionCookie(PLAIN, { ...CLAIMS, sv: "3" })), SECRET)).toBeNull();
    expect(await sessionClaimsFrom(over("http", `${PLAIN}=not-a-jwt`), SECRET)).toBeNull();
  });

  it("never takes a Bearer header for a session", async () => {
    const [, value] = (await sessionCookie(PLAIN)).split("=");
    expect(await sessionClaimsFrom(new Headers({ authorization: `Bearer ${value}`, "x-forwarded-proto": "http" }), SECRET)).toBeNull();
    expect(await sessionClaimsFrom(new Headers({ authorization: `Bearer ${value}`, cookie: "other=1", "x-forwarded-proto": "http" }), SECRET)).toBeNull();
  });
});

describe("which cookie is the session's", () => {
  it("is the secure one when the site's address is https, whatever the request says", () => {
    expect(usesSecureCookies(new Headers({ "x-forwarded-proto": "http" }), { publicUrl: "https://corroborate.example" })).toBe(true);
  });
  it("follows AUTH_URL's protocol when one is set", () => {
    expect(usesSecureCookies(new Headers({ "x-forwarded-proto": "https" }), { authUrl: "http://localhost:3000" })).toBe(false);
    expect(usesSecureCookies(new Headers({ "x-forwarded-proto": "http" }), { authUrl: "https://corroborate.example" })).toBe(true);
  });
  it("else follows X-Forwarded-Proto, https when it is absent", () => {
    expect(usesSecureCookies(new Headers({ "x-forwarded-proto": "http" }), {})).toBe(false);
    expect(usesSecureCookies(new Headers({ "x-forwarded-proto": "https" }), {})).toBe(true);
    expect(usesSecureCookies(new Headers(), {})).toBe(true);
  });
});
