import type { APIRequestContext } from "@playwright/test";

/** An answer read whole; header names in lower case. */
export type Answer = { status: number; headers: Record<string, string>; text: string };

/** Where requests go, and how long each may take: a server, as a request context would hold it. */
export type HttpClient = { base: string; timeout: number };

/** `redirect: "manual"` answers a redirect itself rather than following it (a request context's `maxRedirects: 0`). */
type HttpRequest = { method?: string; headers?: Record<string, string>; body?: string | Buffer | FormData; redirect?: RequestRedirect };

const sent = new Map<string, number>();
/** Counts a request about to go to the server at `base` (every request helper here calls it). */
export function noteRequest(base: string) {
  const origin = new URL(base).origin;
  sent.set(origin, (sent.get(origin) ?? 0) + 1);
}
/**
 * How many requests this process has sent to the server at `base` through the helpers here (and
 * through a request context wrapped by `countingRequests`): a snapshot of the server's state taken
 * when this count was N still holds while it is N, as far as this process's requests go.
 */
export function requestsSent(base: string): number {
  return sent.get(new URL(base).origin) ?? 0;
}

/** A request context whose every request is counted (`requestsSent`), as the helpers here count theirs. */
export function countingRequests(api: APIRequestContext, base: string): APIRequestContext {
  const methods = new Set(["get", "post", "put", "patch", "delete", "head", "fetch"]);
  return new Proxy(api, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof key !== "string" || !methods.has(key) || typeof value !== "function") return value;
      return (...args: unknown[]) => {
        noteRequest(base);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/**
 * One request through Node's own fetch, its answer read whole within `client.timeout`. The security
 * specs send their thousands of attempts this way: each call of Playwright's APIRequestContext
 * captures a stack and reports a step to the runner, which cost the test worker more CPU than the
 * HTTP itself. Bodies go as given: a request context would turn a string it cannot parse as JSON,
 * sent as application/json, into a JSON string literal.
 */
export async function fetchAnswer(client: HttpClient, path: string, { method = "GET", headers, body, redirect }: HttpRequest = {}): Promise<Answer> {
  noteRequest(client.base);
  try {
    // A Buffer is a Uint8Array, which fetch takes; the DOM typing asks for one over an ArrayBuffer.
    const response = await fetch(new URL(path, client.base), { method, headers, body: body as BodyInit | undefined, redirect, signal: AbortSignal.timeout(client.timeout) });
    const answerHeaders = Object.fromEntries(response.headers);
    // Cookies one a line, as Playwright's `headers()` gives them (the entries above keep the last only).
    const cookies = response.headers.getSetCookie();
    if (cookies.length) answerHeaders["set-cookie"] = cookies.join("\n");
    return { status: response.status, headers: answerHeaders, text: await response.text() };
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? `no answer within ${client.timeout} ms` : String((error as Error).cause ?? error);
    throw new Error(`${method} ${path.slice(0, 200)}: ${reason}`, { cause: error });
  }
}
