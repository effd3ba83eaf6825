import "server-only";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError, type FieldErrors, isAppError } from "@/lib/errors/app-error";
import { assertCapturableHost, insertCaptureRequest } from "@/lib/evidence/capture/request-capture";
import { ZCaptureRequest } from "@/lib/evidence/schemas";
import { tr } from "@/lib/i18n/translate";
import { fieldErrorsOf } from "@/lib/validation/parse";
import type { ClaimDetailDto } from "./get-claim";
import { ZSubmitClaim } from "./schemas";
import { insertSubmittedClaim, submittedClaimDto } from "./submit-claim";

/** Pages captured with one submission at most; more go one at a time from the claim's page. */
export const MAX_CAPTURES_WITH_CLAIM = 10;

/** The text area as sent: addresses one a line (each at most 2,000 characters, as a capture's). */
const ZCaptureUrlLines = z.string().max(MAX_CAPTURES_WITH_CLAIM * 2_001 + 1_000);

/**
 * A new claim with the web pages to capture for it (`captureUrls`: one address a line, blank lines
 * ignored, repeats once), all or nothing: every field and every address is checked first, and one
 * refusal names them all (an address by its line), so nothing is written for a form that still
 * needs putting right. Then the claim, its `claim.submitted`, and each capture's item, event and
 * job in one transaction. The files of the same submission follow over tus once the claim exists.
 */
export async function submitClaimWithCaptures(
  db: Db,
  actor: Actor | null,
  input: unknown,
): Promise<{ claim: ClaimDetailDto; captureIds: string[] }> {
  assertCan(actor, "claims.submit");
  const sent = typeof input === "object" && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : null;
  const { captureUrls = "", ...fields } = sent ?? {};
  const claim = ZSubmitClaim.safeParse(sent ? fields : input);
  const errors: FieldErrors = claim.success ? {} : fieldErrorsOf(claim.error);
  const urls = captureUrlsOf(captureUrls, errors);
  if (!claim.success || Object.keys(errors).length > 0) {
    throw new AppError("BAD_REQUEST", tr("errors.fieldErrors"), { fieldErrors: errors });
  }
  if (urls.length > 0) assertCan(actor, "evidence.add");
  const { row, captureIds } = await db.transaction(async (tx) => {
    const row = await insertSubmittedClaim(tx as unknown as Db, actor, claim.data);
    const captureIds: string[] = [];
    for (const url of urls) captureIds.push(await insertCaptureRequest(tx as unknown as Db, actor, row.id, url));
    return { row, captureIds };
  });
  return { claim: submittedClaimDto(actor, row), captureIds };
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
