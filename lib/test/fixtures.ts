import type { Db } from "@/db/connect";
import type { Role } from "@/lib/vocabulary";
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

/**
 * What a claim needs before it can go to review and be published: an evidence item, reviewed for
 * sensitivity, that `reviewer` assessed as supporting it.
 */
export async function attachAssessedItem(db: Db, reviewer: Actor, claimId: string, text = "A statement supporting the claim.\n") {
  const { Readable } = await import("node:stream");
  const { addEvidenceFromStream } = await import("@/lib/evidence/add-evidence");
  const { markSensitivity } = await import("@/lib/evidence/mark-sensitivity");
  const { assessEvidence } = await import("@/lib/assessments/assess-evidence");
  const item = await addEvidenceFromStream(db, reviewer, claimId, { stream: Readable.from([Buffer.from(`${text}${Math.random()}\n`)]), intake: "upload" });
  await markSensitivity(db, reviewer, item.id, { isGraphic: false, hasPersonalData: false, version: item.version });
  await assessEvidence(db, reviewer, claimId, { evidenceId: item.id, stance: "supports", credibility: 2 });
  return item;
}
