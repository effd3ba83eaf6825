import "server-only";
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { auditEvents, evidence, users } from "@/db/schema";
import { type Actor, assertCan, can } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { findVisibleEvidence } from "@/lib/evidence/scope";
import { findVisiblePerson } from "@/lib/persons/scope";
import { decodeCursor, encodeCursor, ZLimit } from "@/lib/validation/cursor";
import { isStorableDate, STORABLE_YEARS_MESSAGE } from "@/lib/validation/date";
import { parseInput } from "@/lib/validation/parse";
import { isUuid } from "@/lib/validation/uuid";
import { AUDIT_EVENT_TYPES, AUDIT_ORDERS, type AuditOrder } from "@/lib/vocabulary";
import { AppError } from "@/lib/errors/app-error";
import { STORED_EVENT_COLUMNS } from "./verify-chain";
import { tr } from "@/lib/i18n/translate";
import { messageRef } from "@/lib/i18n/message-ref";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A bound of the time range: a date (YYYY-MM-DD, a whole day in UTC) or an ISO date-time with its
 * offset, within the storable years. Read as the first and last instant it covers.
 */
const ZAuditTime = z
  .string()
  .max(40)
  .refine((s) => (DATE.test(s) ? z.iso.date().safeParse(s).success : z.iso.datetime({ offset: true }).safeParse(s).success), messageRef("validation.audit.dateOrDateTime"))
  .refine((s) => isStorableDate(s.slice(0, 10)), STORABLE_YEARS_MESSAGE);

/** The first instant a bound covers, and the last (a date covers its whole day). */
function firstInstant(bound: string): Date {
  return new Date(DATE.test(bound) ? `${bound}T00:00:00.000Z` : bound);
}
function lastInstant(bound: string): Date {
  return DATE.test(bound) ? new Date(new Date(`${bound}T00:00:00.000Z`).getTime() + 86_400_000 - 1) : new Date(bound);
}

export const ZAuditQuery = z
  .object({
    actor: z.string().refine(isUuid, messageRef("validation.audit.userId")).optional(),
    type: z.enum(AUDIT_EVENT_TYPES, messageRef("validation.audit.eventType")).optional(),
    entity: z
      .string()
      .regex(/^(claim|user|evidence|source|person|incident):[0-9a-f-]{36}$/i, messageRef("validation.audit.entity"))
      .optional(),
    from: ZAuditTime.optional(),
    to: ZAuditTime.optional(),
    /** Newest first (`desc`) or oldest first (`asc`); by default newest first over the whole log and oldest first for one entity. */
    order: z.enum(AUDIT_ORDERS).optional(),
    cursor: z.string().max(200).optional(),
    limit: ZLimit,
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && firstInstant(q.from) > lastInstant(q.to)) {
      ctx.addIssue({ code: "custom", path: ["from"], message: messageRef("validation.audit.rangeReversed") });
    }
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
 * A page's cursor: the last seq it showed, with its direction. An oldest-first cursor is the bare
 * seq (as it always was: clients that walk the log forward build it themselves); a newest-first one
 * is ["desc", seq]. A cursor of the other direction is refused, not read as a place in this one.
 * The way back (`prevCursor`) is ["before", order, seq]: the page of events that come just before
 * seq in that order.
 */
const ZAscCursor = z.number().int().nonnegative();
const ZDescCursor = z.tuple([z.literal("desc"), z.number().int().positive()]);
const ZBackCursor = z.tuple([z.literal("before"), z.enum(AUDIT_ORDERS), z.number().int().nonnegative()]);

type Place = { seq: number; back: boolean };

function placeOfCursor(order: AuditOrder, cursor: string | undefined): Place | null {
  if (!cursor) return null;
  let back: z.infer<typeof ZBackCursor> | null = null;
  try {
    back = decodeCursor(ZBackCursor, cursor);
  } catch {}
  if (back) {
    if (back[1] !== order) throw otherWay(order);
    return { seq: back[2], back: true };
  }
  try {
    return { seq: order === "asc" ? decodeCursor(ZAscCursor, cursor)! : decodeCursor(ZDescCursor, cursor)![1], back: false };
  } catch (error) {
    let other = false;
    try {
      other = decodeCursor(order === "asc" ? ZDescCursor : ZAscCursor, cursor) !== null;
    } catch {}
    if (!other) throw error;
    throw otherWay(order);
  }
}

function otherWay(order: AuditOrder): AppError {
  return new AppError("BAD_REQUEST", tr("errors.audit.cursorOtherWay"), {
    fieldErrors: { cursor: [tr("errors.audit.cursorForOrder", { order: order === "asc" ? "desc" : "asc" })] },
  });
}

/**
 * Audit events, newest first over the whole log and oldest first for one entity (or as `order`
 * says), narrowed by who acted (`actor`), the event `type`, the `entity` and a time range
 * (`from`/`to`, inclusive, on `occurred_at`); keyset-paged by `seq`. The whole log needs
 * `audit.read`; anyone may read the events of a claim, evidence item or person they can see (a
 * submitter, their own claim's timeline and custody trail). Read that way, an event shows no more
 * than the entity's own answer does: a person's internal note, which only those who may edit the
 * person read (lib/persons/dto.ts), is left out of the changes and named in `withheld`; so is a
 * comment's text on a claim's events (the thread shows what stands; deleted or edited-away text is
 * the audit log's); so is a time-coded note's text for those who may not read notes (a submitter
 * reading their item's custody trail: the notes are the reviewing team's).
 */
export async function listAuditEvents(db: Db, actor: Actor | null, query: TAuditQuery) {
  const { actor: actorId, type, entity, from, to, cursor, limit, ...rest } = parseInput(ZAuditQuery, query);
  // The pattern takes any case ("CLAIM:<id>"); the stored types and ids are lower case.
  const [entityType, entityId] = entity ? entity.toLowerCase().split(":") : [undefined, undefined];
  if (entityType === "claim" && entityId && !can(actor, "audit.read")) {
    await findVisibleClaim(db, actor, entityId);
  } else if (entityType === "evidence" && entityId && !can(actor, "audit.read")) {
    await findVisibleEvidence(db, actor, entityId);
  } else if (entityType === "person" && entityId && !can(actor, "audit.read")) {
    await findVisiblePerson(db, actor, entityId);
  } else {
    assertCan(actor, "audit.read");
  }
  const order: AuditOrder = rest.order ?? (entity ? "asc" : "desc");
  const place = placeOfCursor(order, cursor);
  // Walking back reads the other way from the place, then shows the page in its own order.
  const readOrder: AuditOrder = place?.back ? (order === "asc" ? "desc" : "asc") : order;
  const where: SQL[] = [];
  if (entityType && entityId) {
    where.push(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId.toLowerCase()));
  }
  if (actorId) where.push(eq(auditEvents.actorId, actorId.toLowerCase()));
  if (type) where.push(eq(auditEvents.type, type));
  if (from) where.push(gte(auditEvents.occurredAt, firstInstant(from)));
  if (to) where.push(lte(auditEvents.occurredAt, lastInstant(to)));
  // One unique key: the keyset is seq alone.
  if (place) where.push(readOrder === "asc" ? gt(auditEvents.seq, place.seq) : lt(auditEvents.seq, place.seq));
  const rows = await db
    .select({ ...STORED_EVENT_COLUMNS, actorName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(...where))
    .orderBy(readOrder === "asc" ? asc(auditEvents.seq) : desc(auditEvents.seq))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (place?.back) page.reverse();
  const withholding: Withholding = {
    notes: entityType === "person" && !can(actor, "audit.read") && !can(actor, "persons.update"),
    commentText: entityType === "claim" && !can(actor, "audit.read"),
    noteText: hidesNoteText(actor),
  };
  const items = page.map((r) => toDto(r, withholding));
  const first = page[0];
  const last = page[page.length - 1];
  // Forward, there is more after the page when the read found more; back, there always is (the page walked back from).
  const nextCursor = last && (place?.back || more) ? encodeCursor(order === "asc" ? last.seq : ["desc", last.seq]) : null;
  // Back, there is more before the page when the read found more; forward, there is whenever the page is not the first.
  const prevCursor = first && (place?.back ? more : place !== null) ? encodeCursor(["before", order, first.seq]) : null;
  return { items, nextCursor, prevCursor };
}

/**
 * A claim's timeline: its own events and those of its evidence items (uploads, captures, derivations,
 * sensitivity reviews), in one query, oldest first. The newest `limit` of them; `earlier` says
 * whether there are more before the first shown. Anyone who can see the claim sees these.
 */
export async function listClaimTimeline(db: Db, actor: Actor | null, claimId: string, { limit = 100 }: { limit?: number } = {}) {
  const claim = await findVisibleClaim(db, actor, claimId);
  const itemIds = db.select({ id: sql<string>`${evidence.id}::text` }).from(evidence).where(eq(evidence.claimId, claim.id));
  const rows = await db
    .select({ ...STORED_EVENT_COLUMNS, actorName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(
      or(
        and(eq(auditEvents.entityType, "claim"), eq(auditEvents.entityId, claim.id)),
        and(eq(auditEvents.entityType, "evidence"), inArray(auditEvents.entityId, itemIds)),
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(limit + 1);
  const items = rows.slice(0, limit).reverse().map((r) => toDto(r, { notes: false, commentText: !can(actor, "audit.read"), noteText: hidesNoteText(actor) }));
  return { items, earlier: rows.length > limit };
}

type StoredRow = { seq: number; occurredAt: Date; actorId: string | null; actorName: string | null; type: string; entityType: string; entityId: string; data: unknown; prevHash: string; hash: string };

/**
 * What an event read without `audit.read` (a submitter's own claim) leaves out, so that it shows no
 * more than the entity's own answer: a person's internal note (`notes`); a comment's text
 * (`commentText`) — the thread shows what stands, and a text deleted or edited away is the audit
 * log's alone; a time-coded note's text (`noteText`), internal to those who read notes.
 */
type Withholding = { notes: boolean; commentText: boolean; noteText: boolean };

/** Note texts are the reviewing team's: shown to those who read notes, and to the whole log's readers. */
function hidesNoteText(actor: Actor | null): boolean {
  return !can(actor, "audit.read") && !can(actor, "evidence.notes.read");
}

function dataAsRead(r: StoredRow, withholding: Withholding): unknown {
  if (withholding.commentText && r.type.startsWith("comment.")) return withoutCommentText(r.data);
  if (withholding.noteText && r.type.startsWith("evidence.note_")) return withoutCommentText(r.data);
  return withholding.notes ? withoutNote(r.data) : r.data;
}

function toDto(r: StoredRow, withholding: Withholding): AuditEventDto {
  return {
    seq: r.seq,
    occurredAt: r.occurredAt.toISOString(),
    actor: r.actorId ? { id: r.actorId, name: r.actorName ?? "" } : null,
    type: r.type,
    entity: { type: r.entityType, id: r.entityId },
    data: dataAsRead(r, withholding),
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

/** A comment's or a note's event data with its text taken out (`body`, and an edit's `changes.body`; named in `withheld`), or the data as it was. */
function withoutCommentText(data: unknown): unknown {
  if (!data || typeof data !== "object") return data;
  const { body, changes, ...rest } = data as { body?: unknown; changes?: Record<string, unknown> };
  const { body: changedBody, ...otherChanges } = changes ?? {};
  if (body === undefined && changedBody === undefined) return data;
  return { ...rest, ...(changes ? { changes: otherChanges } : {}), withheld: ["body"] };
}

/** An event's data with a `note` change taken out (and named in `withheld`), or the data as it was. */
function withoutNote(data: unknown): unknown {
  const changes = (data as { changes?: Record<string, unknown> } | null)?.changes;
  if (!changes || !("note" in changes)) return data;
  const { note: _note, ...rest } = changes;
  return { ...(data as object), changes: rest, withheld: ["note"] };
}
