/**
 * The one error type of the domain. The HTTP layer maps `code` to a status and to the design's
 * `{"error": {"code", "message"}}` shape; the UI shows `message`. Anything else is a bug: logged,
 * answered with a generic message.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  /** A write sent with the session cookie from another site's page (lib/security/same-origin.ts). */
  CROSS_ORIGIN: 403,
  NOT_FOUND: 404,
  /** The API has the path, not the method (the answer's Allow header lists those it has). */
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  /** The upload protocol's own precondition (a tus request without its Tus-Resumable version). */
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_STATE: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const;

export type AppErrorCode = keyof typeof ERROR_STATUS;

export type FieldErrors = Record<string, string[]>;

/** Where to go to put a refusal right (the items a guard names), shown with its message. */
export type ErrorLink = { href: string; label: string };

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: { fieldErrors?: FieldErrors; guard?: string; links?: ErrorLink[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
