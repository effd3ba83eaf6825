import "server-only";
import { randomBytes } from "node:crypto";
import {
  buildTimeStampRequest,
  certificatesOfPem,
  checkTimeStampToken,
  DerError,
  isGranted,
  readTimeStampResponse,
} from "@/lib/verifier/verify.mjs";
import { readTsaCertificates, type TimeStampConfig, tsaLabel } from "./config";

/** How long an authority may take to answer, and how large its answer may be. */
export const TSA_TIMEOUT_MS = 20_000;
export const TSA_MAX_RESPONSE_BYTES = 256 * 1024;

/** A token the authority granted and this server checked, ready to store. */
export type GrantedTimeStamp = { token: Buffer; genTime: Date; serial: string; tsaUrl: string };

/** Why a request for a token came to nothing, in words an admin can act on. Trying again may mend it. */
export class TimeStampFailure extends Error {
  override name = "TimeStampFailure";
}

/**
 * Ask the authority for a token over `imprint` (a hex SHA-256): a TimeStampReq with a fresh nonce,
 * POSTed as application/timestamp-query, within a time and size bound. The answer must be granted
 * (or granted with modifications), and the token is checked with the verifier's own code before
 * anyone stores it: it stamps exactly this hash, answers this nonce, its signed digest and
 * signature hold with the certificate it carries, that certificate is for time-stamping, and —
 * when TSA_CA_FILE names the authority's certificates — it chains to them.
 */
export async function requestTimeStamp(config: TimeStampConfig, imprint: string, { timeoutMs = TSA_TIMEOUT_MS, maxBytes = TSA_MAX_RESPONSE_BYTES } = {}): Promise<GrantedTimeStamp> {
  if (!config.url) throw new TimeStampFailure("TSA_URL is not set: nothing is stamped");
  const nonce = randomBytes(8);
  nonce[0] &= 0x7f;
  const label = tsaLabel(config.url);
  const pem = await readTsaCertificates(config);
  const body = await post(config.url, label, buildTimeStampRequest(imprint, nonce), timeoutMs, maxBytes);

  let response;
  try {
    response = readTimeStampResponse(body);
  } catch (error) {
    const why = error instanceof DerError ? error.message : String(error);
    throw new TimeStampFailure(`${label} answered something that is not a time-stamp response (${why})`);
  }
  if (!isGranted(response.status) || !response.token) {
    const said = [...response.text, ...response.failInfo].join("; ");
    throw new TimeStampFailure(`${label} refused the request: ${response.statusName}${said ? ` (${said})` : ""}`);
  }
  const checked = checkTimeStampToken(response.token, {
    imprint,
    nonce: BigInt(`0x${nonce.toString("hex")}`),
    anchors: pem ? certificatesOfPem(pem) : undefined,
  });
  if (checked.problems.length > 0 || !checked.tstInfo) {
    throw new TimeStampFailure(`${label} answered a token that fails its check: ${checked.problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`);
  }
  return { token: response.token, genTime: checked.tstInfo.genTime, serial: `0x${checked.tstInfo.serial.toString(16)}`, tsaUrl: label };
}

/**
 * POST the request; the answer's bytes, read up to `maxBytes`. A user and password in TSA_URL (an
 * authority that asks for them) are sent as HTTP Basic authentication, and no message says them.
 */
async function post(url: string, label: string, request: Buffer, timeoutMs: number, maxBytes: number): Promise<Buffer> {
  const signal = AbortSignal.timeout(timeoutMs);
  const target = new URL(url);
  const headers: Record<string, string> = { "Content-Type": "application/timestamp-query", Accept: "application/timestamp-reply" };
  if (target.username || target.password) {
    headers.Authorization = `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString("base64")}`;
    target.username = "";
    target.password = "";
  }
  let response: Response;
  try {
    response = await fetch(target, { method: "POST", headers, body: new Uint8Array(request), signal });
  } catch (error) {
    throw new TimeStampFailure(`${label} cannot be reached: ${reasonOf(error, signal, timeoutMs).replaceAll(url, label).replaceAll(target.href, label)}`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new TimeStampFailure(`${label} answered HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new TimeStampFailure(`${label} answered ${declared} bytes, more than a time-stamp response can be`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  try {
    for (;;) {
      const read = await reader?.read();
      if (!read || read.done) break;
      size += read.value.length;
      if (size > maxBytes) throw new TimeStampFailure(`${label} answered more than ${maxBytes} bytes, more than a time-stamp response can be`);
      chunks.push(read.value);
    }
  } catch (error) {
    await reader?.cancel().catch(() => {});
    if (error instanceof TimeStampFailure) throw error;
    throw new TimeStampFailure(`${label} broke off its answer: ${reasonOf(error, signal, timeoutMs).replaceAll(url, label).replaceAll(target.href, label)}`);
  }
  return Buffer.concat(chunks);
}

function reasonOf(error: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `no answer within ${timeoutMs / 1000} s`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: string })?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
