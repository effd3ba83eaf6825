import { isAppError } from "@/lib/errors/app-error";
import { PermanentJobFailure } from "@/lib/jobs/permanent-failure";

/**
 * Why a capture failed, in a short sentence a researcher can act on. The raw error (a socket
 * code, a resolver message with an internal address) goes to the custody trail only; this is
 * what the item shows. Anything not recognised reads as an unexpected failure, never as the
 * error's own text.
 */
export function captureFailureReason(error: unknown, { maxBytes }: { maxBytes?: number } = {}): string {
  const cause = error instanceof PermanentJobFailure && error.cause ? error.cause : error;
  if (isAppError(cause)) {
    if (cause.code === "PAYLOAD_TOO_LARGE") return `The page was larger than the limit${maxBytes ? ` (${Math.round(maxBytes / 1024 / 1024)} MB)` : ""}.`;
    if (cause.code === "UNAVAILABLE") return "The page took too long to answer.";
    if (cause.details.guard === "address") {
      return /non-public/.test(cause.message)
        ? "The address leads into a private network, so it was not fetched."
        : "The address could not be found: no such host.";
    }
    if (cause.details.guard === "url") {
      return /redirect/i.test(cause.message) ? "The page redirected too many times." : "Only http and https pages can be captured.";
    }
  }
  const code = typeof cause === "object" && cause && "code" in cause ? String((cause as { code: unknown }).code) : "";
  if (["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "EPIPE", "EAI_AGAIN"].includes(code) || /socket hang up/i.test(String((cause as Error)?.message))) {
    return "The address could not be reached.";
  }
  if (code === "ENOTFOUND") return "The address could not be found: no such host.";
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return "The site's secure connection could not be verified.";
  if (code.startsWith("HPE_")) return "The site's answer could not be read.";
  return "The capture failed for an unexpected reason; try again.";
}

/** A refusal that trying again cannot mend: an inward address, too big a page, a bad scheme or redirect loop. */
export function isPermanentCaptureError(error: unknown): boolean {
  return isAppError(error) && (error.code === "PAYLOAD_TOO_LARGE" || error.details.guard === "url" || (error.details.guard === "address" && /non-public/.test(error.message)));
}
