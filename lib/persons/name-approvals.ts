import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claimPersons } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import type { NameApprovalLapse } from "@/lib/vocabulary";
import { memberIdsOf } from "./scope";

/**
 * A name is published on a claim because someone approved it as it stood: the person's names and
 * public details at that moment (./set-visibility.ts). When those change — a name form added, a
 * person merged in, an age, a date or a place set — the public entry would show what nobody
 * approved, so every public link of the person (and of those merged into it) goes back to private,
 * to be approved again. One audit event per link, saying why. A published entry changes only when
 * a correction is published, and the correction is refused until the name is approved again.
 * Returns how many approvals lapsed.
 */
const BATCH = 1000;

export async function lapseNameApprovals(tx: Db, actorId: string, canonicalIds: string[], cause: NameApprovalLapse): Promise<number> {
  const members = await memberIdsOf(tx, [...new Set(canonicalIds)]);
  let lapsed = 0;
  const ids = [...members.keys()];
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = ids.slice(start, start + BATCH);
    const links = await tx
      .update(claimPersons)
      .set({ isPublic: false, publicationBasis: null, publicationBasisNote: null, approvedById: null, approvedAt: null, version: sql`${claimPersons.version} + 1` })
      .where(and(eq(claimPersons.isPublic, true), inArray(claimPersons.personId, batch)))
      .returning({ claimId: claimPersons.claimId, personId: claimPersons.personId, role: claimPersons.role, version: claimPersons.version });
    for (const link of links) {
      await appendAuditEvent(tx, actorId, {
        type: "claim.person_visibility_changed",
        entity: { type: "claim", id: link.claimId },
        data: { personId: link.personId, role: link.role, version: link.version, basis: null, lapsed: cause, changes: { isPublic: { before: true, after: false } } },
      });
    }
    lapsed += links.length;
  }
  return lapsed;
}
