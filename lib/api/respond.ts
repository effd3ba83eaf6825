import "server-only";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { asDoorError } from "@/lib/errors/unavailable";
import { tr } from "@/lib/i18n/translate";

/**
 * The design's error shape: `{"error": {"code", "message"}}`, plus field errors or the guard. A lost
 * database connection is a 503 with Retry-After; anything else unexpected is logged, a 500.
 */
export function errorResponse(thrown: unknown): Response {
  const error = asDoorError(thrown);
  if (isAppError(error)) {
    const headers: Record<string, string> = {};
    if (error.details.retryAfterSeconds) headers["Retry-After"] = String(error.details.retryAfterSeconds);
    return Response.json(
      {
        error: {
          code: error.code,
          message: error.message,
          ...(error.details.fieldErrors ? { fieldErrors: error.details.fieldErrors } : {}),
          ...(error.details.guard ? { guard: error.details.guard } : {}),
          ...(error.details.links ? { links: error.details.links } : {}),
        },
      },
      { status: error.status, headers },
    );
  }
  console.error("[api] unexpected error:", error);
  return Response.json(
    { error: { code: "INTERNAL", message: tr("errors.api.internal") } },
    { status: 500 },
  );
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * A JSON body, read as a stream and bounded in size: an oversized body is a 413 without being
 * held in memory, malformed JSON a 400, another content type a 415.
 */
export async function readJson(request: Request, maxBytes = 256 * 1024): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", tr("errors.api.jsonOnly"));
  }
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", tr("errors.api.bodyTooLarge", { maxBytes }));
  if (Number(request.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new AppError("BAD_REQUEST", tr("errors.api.notJson"));
  }
}

/** Query parameters as a plain object (the last value wins). */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
