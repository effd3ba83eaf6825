import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { sources } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { assertCurrentVersion, updateVersioned } from "@/lib/errors/conflict";
import { isUuid } from "@/lib/validation/uuid";
import { parseInput } from "@/lib/validation/parse";
import { assertSourceExists } from "./create-source";
import { getSource, toSourceDto } from "./get-source";
import { ZUpdateSource } from "./schemas";
import { tr } from "@/lib/i18n/translate";

/** Change a source; a new reliability rating is kept, with its rationale, in the source's audit history. */
export async function updateSource(db: Db, actor: Actor | null, sourceId: string, input: unknown) {
  assertCan(actor, "sources.update");
  const data = parseInput(ZUpdateSource, input);
  if (!isUuid(sourceId)) throw new AppError("NOT_FOUND", tr("errors.sources.notFound"));
  const [current] = await db.select().from(sources).where(eq(sources.id, sourceId));
  if (!current) throw new AppError("NOT_FOUND", tr("errors.sources.notFound"));
  assertCurrentVersion(data.version, current.version, "source");if (data.affiliatedWithId === sourceId) {
    throw new AppError("BAD_REQUEST", tr("errors.sources.selfAffiliated"), { fieldErrors: { affiliatedWithId: [tr("errors.sources.chooseAnother")] } });
  }
  await assertSourceExists(db, data.affiliatedWithId, "affiliatedWithId");
  const { version, protected: isProtected, ...rest } = data;
  const patch = { ...rest, ...(isProtected === undefined ? {} : { isProtected }) };
  await db.transaction(async (tx) => {
    const updated = await updateVersioned(tx, sources, { id: sourceId, version }, patch, "source");
    const before = toSourceDto(current);
    const after = toSourceDto(updated);
    await appendAuditEvent(tx, actor.id, {
      type: "source.updated",
      entity: { type: "source", id: sourceId },
      data: {
        version: updated.version,
        changes: diffFields(
          { ...before, version: undefined, createdAt: undefined },
          { ...after, version: undefined, createdAt: undefined },
        ),
      },
    });
  });
  return getSource(db, actor, sourceId);
}
