import { describe, expect, it } from "vitest";
import { requestOrigin } from "./request-origin";

const at = (headers: Record<string, string>) => new Request("http://localhost:3000/api/v1/public/feed.atom", { headers });

describe("requestOrigin", () => {
  it("uses the host the client asked for, and the proxy's forwarded host and scheme", () => {
    expect(requestOrigin(at({}))).toBe("http://localhost:3000");
    expect(requestOrigin(at({ host: "127.0.0.1:4000" }))).toBe("http://127.0.0.1:4000");
    expect(requestOrigin(at({ host: "[::1]:4000" }))).toBe("http://[::1]:4000");
    expect(requestOrigin(at({ host: "internal:3000", "x-forwarded-host": "corroborate.example, proxy", "x-forwarded-proto": "https" }))).toBe(
      "https://corroborate.example",
    );
  });

  it("ignores values that are not a host", () => {
    expect(requestOrigin(at({ host: 'evil.example/"><x' }))).toBe("http://localhost:3000");
    expect(requestOrigin(at({ "x-forwarded-host": "a b", "x-forwarded-proto": "javascript" }))).toBe("http://localhost:3000");
  });
});
