import "server-only";
import net from "node:net";
import type { Db } from "@/db/connect";
import { evidence } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { enqueueJob } from "@/lib/jobs/queue";
import { parseInput } from "@/lib/validation/parse";
import { assertCanAddEvidence } from "../add-evidence";
import { getEvidence } from "../get-evidence";
import { type TCaptureRequest, ZCaptureRequest } from "../schemas";
import { isAllowlisted, isPublicAddress } from "./address-guard";
import { tr } from "@/lib/i18n/translate";

/** How many times a capture is tried before it is given up (an unreachable site may come back). */
export const CAPTURE_MAX_ATTEMPTS = 3;

/**
 * Ask for a page to be captured. The item exists at once, with no bytes yet (processing.capture
 * "pending"); a durable job fetches the page, writes the WARC and fills it in. A literal
 * non-public address is refused here already; names are resolved and checked in the job.
 */
export async function requestPageCapture(db: Db, actor: Actor | null, claimId: string, input: TCaptureRequest) {
  const { url } = parseInput(ZCaptureRequest, input);
  const claim = await assertCanAddEvidence(db, actor, claimId);
  assertCapturableHost(url);
  const id = await db.transaction(async (tx) => insertCaptureRequest(tx as unknown as Db, actor!, claim.id, url));
  return getEvidence(db, actor, id);
}

/**
 * A literal non-public address (loopback, private, "localhost") is refused before anything is
 * written; names are resolved and checked in the job. A name written fully qualified
 * (`localhost.`, trailing dots) is the same name.
 */
export function assertCapturableHost(url: string): void {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  const name = host.replace(/\.+$/, "");
  if (!isAllowlisted(host) && (name === "localhost" || name.endsWith(".localhost") || (net.isIP(host) && !isPublicAddress(host)))) {
    throw new AppError("INVALID_STATE", tr("errors.capture.notPublicHost", { host }), { guard: "address" });
  }
}

/**
 * The capture's item (no bytes yet), its `evidence.added` event and its job, inside the caller's
 * transaction. The caller has checked who may add evidence to the claim and the address
 * (`assertCapturableHost`); the url is parsed.
 */
export async function insertCaptureRequest(tx: Db, actor: Actor, claimId: string, url: string): Promise<string> {
  const [row] = await tx
    .insert(evidence)
    .values({ claimId, intake: "capture", sourceUrl: url, addedById: actor.id, processing: { capture: "pending" } })
    .returning({ id: evidence.id });
  await appendAuditEvent(tx, actor.id, {
    type: "evidence.added",
    entity: { type: "evidence", id: row.id },
    data: { claimId, intake: "capture", sha256: null, size: null, mediaType: null, originalFilename: null, sourceUrl: url },
  });
  await enqueueJob(tx, { kind: "capture", evidenceId: row.id, maxAttempts: CAPTURE_MAX_ATTEMPTS });
  return row.id;
}
