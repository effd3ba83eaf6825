import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { sources } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/validation/parse";
import { getSource } from "./get-source";
import { type TCreateSource, ZCreateSource } from "./schemas";

export async function assertSourceExists(db: Db, id: string | null | undefined, field: string) {
  if (!id) return;
  const [row] = await db.select({ id: sources.id }).from(sources).where(eq(sources.id, id));
  if (!row) throw new AppError("BAD_REQUEST", "Some fields are missing or not valid; see the field errors.", { fieldErrors: { [field]: ["No such source."] } });
}

export async function createSource(db: Db, actor: Actor | null, input: TCreateSource) {
  assertCan(actor, "sources.create");
  const data = parseInput(ZCreateSource, input);
  await assertSourceExists(db, data.affiliatedWithId, "affiliatedWithId");
  const id = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
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
        createdById: actor.id,
      })
      .returning({ id: sources.id });
    await appendAuditEvent(tx, actor.id, {
      type: "source.created",
      entity: { type: "source", id: row.id },
      data: { version: 1, changes: diffFields({}, { ...data }) },
    });
    return row.id;
  });
  return getSource(db, actor, id);
}
