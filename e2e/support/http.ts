/** An answer read whole; header names in lower case. */
export type Answer = { status: number; headers: Record<string, string>; text: string };

/** Where requests go, and how long each may take: a server, as a request context would hold it. */
export type HttpClient = { base: string; timeout: number };

type HttpRequest = { method?: string; headers?: Record<string, string>; body?: string | Buffer };

/**
 * One request through Node's own fetch, its answer read whole within `client.timeout`. The security
 * specs send their thousands of attempts this way: each call of Playwright's APIRequestContext
 * captures a stack and reports a step to the runner, which cost the test worker more CPU than the
 * HTTP itself. Bodies go as given: a request context would turn a string it cannot parse as JSON,
 * sent as application/json, into a JSON string literal.
 */
export async function fetchAnswer(client: HttpClient, path: string, { method = "GET", headers, body }: HttpRequest = {}): Promise<Answer> {
  try {
    // A Buffer is a Uint8Array, which fetch takes; the DOM typing asks for one over an ArrayBuffer.
    const response = await fetch(new URL(path, client.base), { method, headers, body: body as BodyInit | undefined, signal: AbortSignal.timeout(client.timeout) });
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
