import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/connect";
import { sources } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/validation/parse";
import { getSource } from "./get-source";
import { ZCreateSource } from "./schemas";
import { tr } from "@/lib/i18n/translate";

export async function assertSourceExists(db: Db, id: string | null | undefined, field: string) {
  if (!id) return;
  const [row] = await db.select({ id: sources.id }).from(sources).where(eq(sources.id, id));
  if (!row) throw new AppError("BAD_REQUEST", tr("errors.fieldErrors"), { fieldErrors: { [field]: [tr("errors.sources.notFound")] } });
}

/** Every id names a source in the registry, or 400 on `field`. */
export async function assertSourcesExist(db: Db, ids: readonly string[], field: string) {
  if (!ids.length) return;
  const found = await db.select({ id: sources.id }).from(sources).where(inArray(sources.id, [...ids]));
  if (found.length !== new Set(ids).size) throw new AppError("BAD_REQUEST", tr("errors.fieldErrors"), { fieldErrors: { [field]: [tr("errors.sources.notFound")] } });
}

export async function createSource(db: Db, actor: Actor | null, input: unknown) {
  assertCan(actor, "sources.create");
  const data = parseInput(ZCreateSource, input);
  await assertSourceExists(db, data.affiliatedWithId, "affiliatedWithId");
  const id = await db.transaction((tx) => insertSource(tx as unknown as Db, actor.id, data));
  return getSource(db, actor, id);
}

/**
 * The write itself, once the actor may create sources and `data` is checked: the row and its audit
 * event. Call inside a transaction (another change's, when a source is named on the spot).
 */
export async function insertSource(tx: Db, actorId: string, data: z.output<typeof ZCreateSource>): Promise<string> {
  const [row] = await tx
    .insert(sources)
    .values({
      name: data.name,
      kind: data.kind,
      url: data.url ?? null,
      handles: data.handles ?? [],
      reliability: data.reliability,
      reliabilityRationale: data.reliabilityRationale ?? null,
      affiliatedWithId: data.affiliatedWithId ?? null,
      isProtected: data.protected ?? false,
      createdById: actorId,
    })
    .returning({ id: sources.id });
  await appendAuditEvent(tx, actorId, {
    type: "source.created",
    entity: { type: "source", id: row.id },
    data: { version: 1, changes: diffFields({}, { ...data }) },
  });
  return row.id;
}
