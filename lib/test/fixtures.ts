import type { Db } from "@/db/connect";
import type { Role } from "@/db/schema/enums";
import { type Actor, SYSTEM_ACTOR } from "@/lib/auth/permissions";
import { submitClaim } from "@/lib/claims/submit-claim";
import type { TSubmitClaim } from "@/lib/claims/schemas";
import { createUser } from "@/lib/users/create-user";

let counter = 0;

export async function makeActor(db: Db, role: Role, name = `${role} ${++counter}`): Promise<Actor> {
  const user = await createUser(db, SYSTEM_ACTOR, {
    email: `${role}-${++counter}-${Date.now()}@example.test`,
    name,
    role,
    password: "a long enough password",
  });
  return { id: user.id, role, name: user.name };
}

export const SAMPLE_CLAIM: TSubmitClaim = {
  kind: "casualty_count",
  title: "1,383 civilians killed as of 12 March 2025",
  summary: "The monitor's count, expected to rise.",
  language: "en",
  incidentDateFrom: "2025-03-06",
  placeName: "Latakia",
};

export function submitSample(db: Db, actor: Actor, overrides: Partial<TSubmitClaim> = {}) {
  return submitClaim(db, actor, { ...SAMPLE_CLAIM, ...overrides });
}
