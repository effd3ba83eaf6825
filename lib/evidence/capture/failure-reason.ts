import { isAppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { PermanentJobFailure } from "@/lib/jobs/permanent-failure";
import { sayForRecord } from "./record-language";

/** Why a capture failed, as its message names it (`errors.capture.reason.*`). */
const REASONS = ["tooLarge", "tooLargeLimit", "tooSlow", "privateNetwork", "noSuchHost", "redirects", "httpOnly", "unreachable", "certificate", "unreadable", "unexpected"] as const;
type Reason = (typeof REASONS)[number];
type CaptureFailure = { reason: Reason; megabytes: number };

/** A reason with no figure in it (only a too-large page names its limit). */
const failure = (reason: Reason): CaptureFailure => ({ reason, megabytes: 0 });

function captureFailureOf(error: unknown, { maxBytes }: { maxBytes?: number }): CaptureFailure {
  const cause = error instanceof PermanentJobFailure && error.cause ? error.cause : error;
  if (isAppError(cause)) {
    if (cause.code === "PAYLOAD_TOO_LARGE") return maxBytes ? { reason: "tooLargeLimit", megabytes: Math.round(maxBytes / 1024 / 1024) } : failure("tooLarge");
    if (cause.code === "UNAVAILABLE") return failure("tooSlow");
    // The capture's refusals are in the record's language (./record-language.ts).
    if (cause.details.guard === "address") return failure(/non-public/.test(cause.message) ? "privateNetwork" : "noSuchHost");
    if (cause.details.guard === "url") return failure(/redirect/i.test(cause.message) ? "redirects" : "httpOnly");
  }
  const code = typeof cause === "object" && cause && "code" in cause ? String((cause as { code: unknown }).code) : "";
  if (["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "EPIPE", "EAI_AGAIN"].includes(code) || /socket hang up/i.test(String((cause as Error)?.message))) {
    return failure("unreachable");
  }
  if (code === "ENOTFOUND") return failure("noSuchHost");
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return failure("certificate");
  if (code.startsWith("HPE_")) return failure("unreadable");
  return failure("unexpected");
}

/**
 * Why a capture failed, in a short sentence a researcher can act on, as the item stores it (in the
 * record's language). The raw error (a socket code, a resolver message with an internal address)
 * goes to the custody trail only; this is what the item shows. Anything not recognised reads as
 * an unexpected failure, never as the error's own text.
 */
export function captureFailureReason(error: unknown, { maxBytes }: { maxBytes?: number } = {}): string {
  const { reason, megabytes } = captureFailureOf(error, { maxBytes });
  return sayForRecord(`errors.capture.reason.${reason}`, { megabytes });
}

/**
 * A stored failure reason in the reader's language: the record's sentence matched back to its
 * message. Text that is none of them (written before the catalogue) is shown as it was stored.
 */
export function captureFailureText(stored: string): string {
  const megabytes = Number(/\d+/.exec(stored)?.[0] ?? 0);
  const reason = REASONS.find((r) => sayForRecord(`errors.capture.reason.${r}`, { megabytes }) === stored);
  return reason ? tr(`errors.capture.reason.${reason}`, { megabytes }) : stored;
}

/** A refusal that trying again cannot mend: an inward address, too big a page, a bad scheme or redirect loop. */
export function isPermanentCaptureError(error: unknown): boolean {
  return isAppError(error) && (error.code === "PAYLOAD_TOO_LARGE" || error.details.guard === "url" || (error.details.guard === "address" && /non-public/.test(error.message)));
}
