import "server-only";
import http from "node:http";
import https from "node:https";
import { AppError } from "@/lib/errors/app-error";
import { resolveFetchableAddress } from "./address-guard";
import { sayForRecord } from "./record-language";

export type FetchedPage = {
  requestedUrl: string;
  finalUrl: string;
  status: number;
  statusText: string;
  requestHeaders: Record<string, string>;
  responseHeaders: [string, string][];
  body: Buffer;
  fetchedAt: Date;
};

/** The largest page a capture keeps: past it, the capture fails for good. */
export const CAPTURE_MAX_BYTES = 20 * 1024 * 1024;

const USER_AGENT = "Corroborate-Capture/1.0 (+evidence preservation)";

function fetchOnce(url: URL, timeoutMs: number, maxBytes: number) {
  return new Promise<Omit<FetchedPage, "requestedUrl" | "finalUrl" | "fetchedAt"> & { location?: string }>(
    (resolve, reject) => {
      resolveFetchableAddress(url.hostname).then(({ address, family }) => {
        const requestHeaders = { "User-Agent": USER_AGENT, Accept: "text/html,application/xhtml+xml,*/*;q=0.8", "Accept-Encoding": "identity" };
        const client = url.protocol === "https:" ? https : http;
        const request = client.request(
          url,
          {
            method: "GET",
            headers: requestHeaders,
            timeout: timeoutMs,
            // Connect to the address we checked, not whatever DNS says a moment later.
            lookup: (_host, _options, callback) => callback(null, address, family),
          },
          (response) => {
            const chunks: Buffer[] = [];
            let size = 0;
            response.on("data", (chunk: Buffer) => {
              size += chunk.length;
              if (size > maxBytes) {
                request.destroy(new AppError("PAYLOAD_TOO_LARGE", sayForRecord("errors.capture.pageTooLarge", { maxBytes })));
                return;
              }
              chunks.push(chunk);
            });
            response.on("end", () =>
              resolve({
                status: response.statusCode ?? 0,
                statusText: response.statusMessage ?? "",
                requestHeaders,
                responseHeaders: Object.entries(response.headersDistinct).flatMap(([k, vs]) => (vs ?? []).map((v) => [k, v] as [string, string])),
                body: Buffer.concat(chunks),
                location: response.headers.location,
              }),
            );
            response.on("error", reject);
          },
        );
        request.on("timeout", () => request.destroy(new AppError("UNAVAILABLE", sayForRecord("errors.capture.tooSlow"))));
        request.on("error", reject);
        request.end();
      }, reject);
    },
  );
}

/**
 * GET a page for preservation, bounded in time and size, following at most 5 redirects — each
 * one's host checked again, so a public page cannot redirect us inward.
 */
export async function fetchPage(rawUrl: string, { timeoutMs = 15_000, maxBytes = CAPTURE_MAX_BYTES } = {}): Promise<FetchedPage> {
  let url = new URL(rawUrl);
  const deadline = Date.now() + timeoutMs;
  for (let hop = 0; hop <= 5; hop++) {
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new AppError("INVALID_STATE", sayForRecord("errors.capture.httpOnly"), { guard: "url" });
    const fetchedAt = new Date();
    const result = await fetchOnce(url, Math.max(1000, deadline - Date.now()), maxBytes);
    if (result.status >= 300 && result.status < 400 && result.location) {
      url = new URL(result.location, url);
      continue;
    }
    return { ...result, requestedUrl: rawUrl, finalUrl: url.toString(), fetchedAt };
  }
  throw new AppError("INVALID_STATE", sayForRecord("errors.capture.tooManyRedirects"), { guard: "url" });
}
