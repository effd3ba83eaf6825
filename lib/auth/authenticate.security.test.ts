import { describe, expect, it } from "vitest";
import { authenticateCredentials, checkSignInRateLimit } from "./authenticate";
import { useTestWorld } from "@/lib/test/world";

/**
 * The sign-in form takes any text as an e-mail. The attack corpus (issue 8,
 * e2e/security/attacks-query.spec.ts) found that a NUL in it reached PostgreSQL — the rate-limit
 * lookup and the account lookup failed, and the sign-in post answered 500.
 */
describe("sign-in e-mails under attack (PGlite)", () => {
  const world = useTestWorld("pglite");

  it("an e-mail with NUL, control characters or a lone surrogate names no account and fails like any wrong one", async () => {
    for (const email of ["admin@demo.test\u0000", "a\u0007b@example.test", "a\uD800@example.test", "\u0000"]) {
      expect(await checkSignInRateLimit(world.db, email, "198.51.100.7"), JSON.stringify(email)).toEqual({ limited: false });
      expect(await authenticateCredentials(world.db, { email, password: "whatever it is", address: "198.51.100.7" })).toEqual({ ok: false, reason: "invalid" });
    }
  });
});
