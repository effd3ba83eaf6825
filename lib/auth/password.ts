import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { env } from "@/lib/env";

/** Whether people may have passwords here: `PASSWORD_SIGN_IN=off` leaves the organisation's sign-in only (no password is set, reset or accepted). */
export function passwordsAllowed(): boolean {
  return env.PASSWORD_SIGN_IN === "on";
}

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum recommendation).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the account does not exist, so both paths take the same time.
let dummyHash: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hash("corroborate-timing-equaliser");
  await verifyPassword(await dummyHash, password);
}
