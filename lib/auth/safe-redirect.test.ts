import { describe, expect, it } from "vitest";
import { askedOriginOf } from "@/lib/api/request-origin";
import { safeRedirectPath } from "./safe-redirect";

const ORIGIN = "http://localhost:3000";

/** Where a browser goes when it follows `Location: <path>` from this site. */
function landing(path: string): URL {
  return new URL(path, `${ORIGIN}/login`);
}

describe("safeRedirectPath", () => {
  it.each([
    ["/claims/abc", "/claims/abc"],
    ["/claims?state=triage", "/claims?state=triage"],
    ["/claims/abc#evidence", "/claims/abc#evidence"],
    ["http://localhost:3000/claims/x?y=1", "/claims/x?y=1"],
    // Normalised by the parser, and returned as parsed rather than as given.
    ["/claims/../persons", "/persons"],
    ["/@evil.example", "/@evil.example"],
    ["/%2F/evil.example", "/%2F/evil.example"],
    ["%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%5Cevil.example", "/%5Cevil.example"],
    ["／／evil.example", "/%EF%BC%8F%EF%BC%8Fevil.example"],
    ["/ｅｖｉｌ.example", "/%EF%BD%85%EF%BD%96%EF%BD%89%EF%BD%8C.example"],
    // An escape is not a scheme, and a twice-encoded newline is the text "%0A" once decoded.
    ["%6Aavascript:alert(1)", "/%6Aavascript:alert(1)"],
    ["/claims%250A", "/claims%250A"],
  ])("%j → %j", (input, expected) => {
    expect(safeRedirectPath(input, ORIGIN)).toBe(expected);
    expect(landing(expected).origin).toBe(ORIGIN);
  });

  // Every way of leaving the site that we know, and values that are not paths at all.
  it.each([
    // tabs and newlines, raw and percent-encoded (browsers drop them: `/\t/evil` is `//evil`)
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\r\n/evil.example",
    "/%09/evil.example",
    "/%0A/evil.example",
    "/%0D/evil.example",
    "/%0d%0aSet-Cookie:x=1",
    "/claims%0A",
    "/claims\n",
    " //evil.example",
    "/claims ",
    "/ /evil.example",
    "/\u00A0/evil.example",
    "/\u2028/evil.example",
    "/\u0000/evil.example",
    "/\u007F/evil.example",
    "/\u0085/evil.example",
    // backslashes
    "/\\evil.example",
    "\\/evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    // protocol-relative and scheme tricks
    "//evil.example",
    "//evil.example/x",
    "///evil.example",
    "////evil.example",
    "/.//evil.example",
    "/./..//evil.example",
    "https://evil.example/steal",
    "http://evil.example",
    "https:evil.example",
    "https:/evil.example",
    "https:\\\\evil.example",
    "HTTPS://evil.example",
    "http://localhost:3000@evil.example/",
    "https://localhost:3000@evil.example",
    "http://localhost:3001/claims",
    "https://localhost:3000/claims",
    "http://localhost.evil.example/claims",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "blob:http://localhost:3000/x",
    "file:///etc/passwd",
    // unicode lookalikes of the host and the slashes
    "https://evil。example",
    "https:／／evil.example",
    "http://ｅｖｉｌ.example",
    // the sign-in page itself
    "/login",
    "/login?callbackUrl=/x",
    "/login/",
    "/%6Cogin",
    "/claims/../login",
    "http://localhost:3000/login?callbackUrl=%2Fclaims",
    // not a string, empty, malformed, too long
    "",
    "/claims?q=%",
    `/${"a".repeat(2000)}`,
    undefined,
    null,
    ["/claims"],
    42,
  ])("%j → the fallback", (input) => {
    expect(safeRedirectPath(input, ORIGIN)).toBe("/claims");
  });

  it("accepts a long path up to the limit", () => {
    const path = `/claims/${"a".repeat(1990)}`;
    expect(safeRedirectPath(path, ORIGIN)).toBe(path);
  });

  it("takes its fallback from the caller", () => {
    expect(safeRedirectPath("//evil.example", ORIGIN, "/persons")).toBe("/persons");
  });
});

describe("askedOriginOf", () => {
  it("is the host and scheme the request came in on", () => {
    expect(askedOriginOf(new Headers({ host: "127.0.0.1:4000" }))).toBe("http://127.0.0.1:4000");
    expect(askedOriginOf(new Headers({ "x-forwarded-host": "corroborate.example.org", "x-forwarded-proto": "https" }))).toBe(
      "https://corroborate.example.org",
    );
    expect(askedOriginOf(new Headers({ host: "a b" }))).toBe("http://localhost");
  });
});
