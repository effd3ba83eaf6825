import "server-only";
import { and, asc, eq, gt, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { auditEvents, users } from "@/db/schema";
import { type Actor, assertCan, can } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { findVisibleEvidence } from "@/lib/evidence/scope";
import { findVisiblePerson } from "@/lib/persons/scope";
import { decodeCursor, encodeCursor, ZLimit } from "@/lib/validation/cursor";
import { parseInput } from "@/lib/validation/parse";
import { STORED_EVENT_COLUMNS } from "./verify-chain";

export const ZAuditQuery = z.object({
  entity: z
    .string()
    .regex(/^(claim|user|evidence|source|person):[0-9a-f-]{36}$/i, "Use claim:<id>, evidence:<id>, source:<id>, person:<id> or user:<id>.")
    .optional(),
  cursor: z.string().max(200).optional(),
  limit: ZLimit,
});
export type TAuditQuery = z.input<typeof ZAuditQuery>;

export type AuditEventDto = {
  seq: number;
  occurredAt: string;
  actor: { id: string; name: string } | null;
  type: string;
  entity: { type: string; id: string };
  data: unknown;
  prevHash: string;
  hash: string;
};

/**
 * Audit events oldest first. The whole log needs `audit.read`; anyone may read the events of a
 * claim, evidence item or person they can see (a submitter, their own claim's timeline and custody
 * trail). Read that way, an event shows no more than the entity's own answer does: a person's
 * internal note, which only those who may edit the person read (lib/persons/dto.ts), is left out
 * of the changes and named in `withheld`.
 */
export async function listAuditEvents(db: Db, actor: Actor | null, query: TAuditQuery) {
  const { entity, cursor, limit } = parseInput(ZAuditQuery, query);
  const [entityType, entityId] = entity ? entity.split(":") : [undefined, undefined];
  if (entityType === "claim" && entityId && !can(actor, "audit.read")) {
    await findVisibleClaim(db, actor, entityId);
  } else if (entityType === "evidence" && entityId && !can(actor, "audit.read")) {
    await findVisibleEvidence(db, actor, entityId);
  } else if (entityType === "person" && entityId && !can(actor, "audit.read")) {
    await findVisiblePerson(db, actor, entityId);
  } else {
    assertCan(actor, "audit.read");
  }
  const after = decodeCursor(z.number().int().nonnegative(), cursor);
  const where: SQL[] = [];
  if (entityType && entityId) {
    where.push(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId.toLowerCase()));
  }
  if (after !== null) where.push(gt(auditEvents.seq, after));
  const rows = await db
    .select({ ...STORED_EVENT_COLUMNS, actorName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(...where))
    .orderBy(asc(auditEvents.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const withholdNotes = entityType === "person" && !can(actor, "audit.read") && !can(actor, "persons.update");
  const items: AuditEventDto[] = page.map((r) => ({
    seq: r.seq,
    occurredAt: r.occurredAt.toISOString(),
    actor: r.actorId ? { id: r.actorId, name: r.actorName ?? "" } : null,
    type: r.type,
    entity: { type: r.entityType, id: r.entityId },
    data: withholdNotes ? withoutNote(r.data) : r.data,
    prevHash: r.prevHash,
    hash: r.hash,
  }));
  const nextCursor = rows.length > limit ? encodeCursor(page[page.length - 1].seq) : null;
  return { items, nextCursor };
}

/** An event's data with a `note` change taken out (and named in `withheld`), or the data as it was. */
function withoutNote(data: unknown): unknown {
  const changes = (data as { changes?: Record<string, unknown> } | null)?.changes;
  if (!changes || !("note" in changes)) return data;
  const { note: _note, ...rest } = changes;
  return { ...(data as object), changes: rest, withheld: ["note"] };
}
