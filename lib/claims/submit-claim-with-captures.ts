import "server-only";
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { claims } from "@/db/schema";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError, type FieldErrors, isAppError } from "@/lib/errors/app-error";
import { assertCapturableHost, insertCaptureRequest } from "@/lib/evidence/capture/request-capture";
import { ZCaptureRequest } from "@/lib/evidence/schemas";
import { tr } from "@/lib/i18n/translate";
import { fieldErrorsOf } from "@/lib/validation/parse";
import { type ClaimDetailDto, getClaim } from "./get-claim";
import { ZSubmitClaim } from "./schemas";
import { insertSubmittedClaim, submittedClaimDto } from "./submit-claim";

/** Pages captured with one submission at most; more go one at a time from the claim's page. */
export const MAX_CAPTURES_WITH_CLAIM = 10;

/** The form's own id for one submission: made on the device, kept with its draft. */
const ZSubmissionKey = z.uuid().optional();

/** The text area as sent: addresses one a line (each at most 2,000 characters, as a capture's). */
const ZCaptureUrlLines = z.string().max(MAX_CAPTURES_WITH_CLAIM * 2_001 + 1_000);

/**
 * A new claim with the web pages to capture for it (`captureUrls`: one address a line, blank lines
 * ignored, repeats once), all or nothing: every field and every address is checked first, and one
 * refusal names them all (an address by its line), so nothing is written for a form that still
 * needs putting right. Then the claim, its `claim.submitted`, and each capture's item, event and
 * job in one transaction. The files of the same submission follow over tus once the claim exists.
 *
 * With a `submissionKey` (the form's, made on the device), the same submission sent again by the
 * same person (its answer lost on a dropped connection, or sent again from the device's draft) is
 * answered with the claim it made the first time, `repeated`, and nothing is written again. The
 * same key with other content (two tabs that restored one draft) is a CONFLICT naming the key.
 */
export async function submitClaimWithCaptures(
  db: Db,
  actor: Actor | null,
  input: unknown,
): Promise<{ claim: ClaimDetailDto; captureIds: string[]; repeated: boolean }> {
  assertCan(actor, "claims.submit");
  const sent = typeof input === "object" && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : null;
  const { captureUrls = "", submissionKey: keySent, ...fields } = sent ?? {};
  const claim = ZSubmitClaim.safeParse(sent ? fields : input);
  const errors: FieldErrors = claim.success ? {} : fieldErrorsOf(claim.error);
  const key = ZSubmissionKey.safeParse(keySent === "" ? undefined : keySent);
  if (!key.success) errors.submissionKey = Object.values(fieldErrorsOf(key.error)).flat();
  const urls = captureUrlsOf(captureUrls, errors);
  if (!claim.success || !key.success || Object.keys(errors).length > 0) {
    throw new AppError("BAD_REQUEST", tr("errors.fieldErrors"), { fieldErrors: errors });
  }
  if (urls.length > 0) assertCan(actor, "evidence.add");
  const submissionKey = key.data?.toLowerCase();
  // What this submission holds, as parsed: the same words sent again have the same digest.
  const digest = createHash("sha256").update(JSON.stringify({ claim: claim.data, urls })).digest("hex");
  const made = await db.transaction(async (tx) => {
    if (submissionKey) {
      // One at a time per person and key, so two copies of one submission cannot both insert.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`claim-submission:${actor.id}:${submissionKey}`}))`);
      const [earlier] = await tx
        .select({ id: claims.id, digest: claims.submissionDigest })
        .from(claims)
        .where(and(eq(claims.submittedById, actor.id), eq(claims.submissionKey, submissionKey)));
      if (earlier && earlier.digest !== digest) {
        // Two submissions under one key (two tabs restoring one draft): the second is not the
        // first sent again, and must not be answered as if it had been made.
        throw new AppError("CONFLICT", tr("errors.claims.submissionKeyReused"), { fieldErrors: { submissionKey: [tr("errors.claims.submissionKeyReused")] } });
      }
      if (earlier) return { earlier: earlier.id };
    }
    const row = await insertSubmittedClaim(tx as unknown as Db, actor, claim.data, submissionKey ? { key: submissionKey, digest } : undefined);
    const captureIds: string[] = [];
    for (const url of urls) captureIds.push(await insertCaptureRequest(tx as unknown as Db, actor, row.id, url));
    return { row, captureIds };
  });
  if (made.earlier !== undefined) return { claim: await getClaim(db, actor, made.earlier), captureIds: [], repeated: true };
  return { claim: submittedClaimDto(actor, made.row), captureIds: made.captureIds, repeated: false };
}

/** The addresses of the text area, each checked as a capture request is; refusals go to `errors.captureUrls`. */
function captureUrlsOf(text: unknown, errors: FieldErrors): string[] {
  const parsed = ZCaptureUrlLines.safeParse(text);
  if (!parsed.success) {
    errors.captureUrls = Object.values(fieldErrorsOf(parsed.error)).flat();
    return [];
  }
  const refused: string[] = [];
  const urls = new Set<string>();
  for (const [index, line] of parsed.data.split(/\r\n|\r|\n/).entries()) {
    if (!line.trim()) continue;
    const reason = refusalOf(line);
    if (reason) refused.push(tr("errors.capture.onLine", { line: index + 1, reason }));
    else urls.add(line.trim());
  }
  if (urls.size > MAX_CAPTURES_WITH_CLAIM) refused.push(tr("errors.capture.tooManyWithClaim", { maximum: MAX_CAPTURES_WITH_CLAIM }));
  if (refused.length > 0) errors.captureUrls = refused;
  return [...urls];
}

/** Why one line is not a page to capture, or null: not an http(s) address, or a non-public host. */
function refusalOf(line: string): string | null {
  const parsed = ZCaptureRequest.safeParse({ url: line });
  if (!parsed.success) return Object.values(fieldErrorsOf(parsed.error)).flat()[0] ?? tr("validation.invalid");
  try {
    assertCapturableHost(parsed.data.url);
    return null;
  } catch (error) {
    if (isAppError(error)) return error.message;
    throw error;
  }
}
