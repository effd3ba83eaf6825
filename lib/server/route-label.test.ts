import { describe, expect, it } from "vitest";
import { routeLabel } from "./route-label";

describe("the route a request's metrics are counted under", () => {
  it("names an API call by its operation's template, never by its ids", () => {
    expect(routeLabel("/api/v1/claims/0b7f8c1e-1111-4222-8333-444455556666")).toBe("/api/v1/claims/{claimId}");
    expect(routeLabel("/api/v1/claims/abc/transitions")).toBe("/api/v1/claims/{claimId}/transitions");
    expect(routeLabel("/api/v1/health/ready")).toBe("/api/v1/health/ready");
    expect(routeLabel("/api/v1/made-up/anything")).toBe("/api/v1/(unknown)");
  });

  it("names a page by its first segment, in every language, and whatever else by one label", () => {
    expect(routeLabel("/")).toBe("/");
    expect(routeLabel("/ar")).toBe("/");
    expect(routeLabel("/claims")).toBe("/claims");
    expect(routeLabel("/claims/0b7f8c1e-1111-4222-8333-444455556666")).toBe("/claims/…");
    expect(routeLabel("/ar/entries/1-383-civilians")).toBe("/entries/…");
    expect(routeLabel("/entries/1-383-civilians/v/2")).toBe("/entries/…");
    expect(routeLabel("/ar/manifest.webmanifest")).toBe("/manifest.webmanifest");
    expect(routeLabel("/_next/static/chunks/x.js")).toBe("/_next");
    expect(routeLabel("/api/auth/csrf")).toBe("/api/auth");
    expect(routeLabel("/wp-admin/setup.php")).toBe("(other)");
    expect(routeLabel("/favicon.ico")).toBe("(other)");
  });

  it("makes a bounded set of labels of any number of made-up paths", () => {
    const labels = new Set(Array.from({ length: 2_000 }, (_, i) => routeLabel(`/${i.toString(36)}/${i}`)));
    expect([...labels]).toEqual(["(other)"]);
  });
});
