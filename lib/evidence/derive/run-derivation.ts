import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { evidence, type Job } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { DERIVERS } from "./derivers";
import { withLocalBlob } from "./local-blob";
import { MediaRefused } from "./refused";

async function recordOutcome(db: Db, job: Job, outcome: "done" | "failed" | "skipped", detail: unknown, apply?: (tx: Db) => Promise<void>) {
  await db.transaction(async (tx) => {
    if (apply) await apply(tx);
    await tx
      .update(evidence)
      .set({ processing: sql`jsonb_set(${evidence.processing}, ${`{${job.kind}}`}::text[], ${JSON.stringify(outcome)}::jsonb)` })
      .where(eq(evidence.id, job.evidenceId!));
    await appendAuditEvent(tx, null, {
      type: "evidence.derived",
      entity: { type: "evidence", id: job.evidenceId! },
      data: { derivation: job.kind, outcome, detail: detail ?? undefined },
    });
  });
}

/** Run one derivation job to its end: rows, processing state and custody record commit together. */
export async function runDerivation(db: Db, job: Job): Promise<void> {
  const derive = DERIVERS[job.kind];
  if (!derive || !job.evidenceId) throw new Error(`Unknown job kind ${job.kind}`);
  const [item] = await db
    .select({ id: evidence.id, mediaType: evidence.mediaType, sha256: evidence.blobSha256, processing: evidence.processing })
    .from(evidence)
    .where(eq(evidence.id, job.evidenceId));
  if (!item?.sha256) throw new Error("The evidence has no stored bytes yet");
  if ((item.processing as Record<string, string>)[job.kind] === "done") return; // idempotent: done already
  const result = await withLocalBlob(item.sha256, (file) => derive(item, file)).catch((error: unknown) => {
    // Refused bytes (past a bound, or not what their type says) are skipped, with the reason.
    if (error instanceof MediaRefused) return { outcome: "skipped" as const, detail: { reason: error.message }, apply: undefined };
    throw error;
  });
  await recordOutcome(db, job, result.outcome, result.detail, result.apply);
}

/** After the last retry: say so on the item. */
export async function markDerivationFailed(db: Db, job: Job, error: unknown) {
  if (!job.evidenceId) return;
  await recordOutcome(db, job, "failed", { error: error instanceof Error ? error.message.slice(0, 500) : String(error) });
}
