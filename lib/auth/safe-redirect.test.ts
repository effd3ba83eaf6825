import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it.each([
    ["/claims/abc", "/claims/abc"],
    ["/claims?state=triage", "/claims?state=triage"],
    ["http://localhost:3000/claims/x?y=1", "/claims/x?y=1"],
    ["https://evil.example/steal", "/steal"],
    ["//evil.example/x", "/claims"],
    ["/\\evil.example", "/claims"],
    ["javascript:alert(1)", "/claims"],
    ["/login?callbackUrl=/x", "/claims"],
    ["", "/claims"],
    [undefined, "/claims"],
  ])("%s → %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});
