import "server-only";

/**
 * Whether a tus request carries upload bytes: every PATCH, and a creation with its first bytes
 * (creation-with-upload).
 */
export function carriesBytes(request: Request): boolean {
  const method = request.method.toUpperCase();
  return method === "PATCH" || (method === "POST" && request.headers.get("content-type")?.toLowerCase() === "application/offset+octet-stream");
}

/**
 * Take one of a person's places for a body being received (`counts`: places taken, by person);
 * the function returned gives it back. Past `max` there is no place (null) and the caller refuses
 * at once, so one person's slow bodies cannot hold the server's connections.
 */
export function takeBodyPlace(counts: Map<string, number>, key: string, max: number): (() => void) | null {
  const taken = counts.get(key) ?? 0;
  if (taken >= max) return null;
  counts.set(key, taken + 1);
  let given = false;
  return () => {
    if (given) return;
    given = true;
    const left = (counts.get(key) ?? 1) - 1;
    if (left > 0) counts.set(key, left);
    else counts.delete(key);
  };
}

/**
 * `request` with a body that ends (normally, not as an error) when the client sends nothing for
 * `idleMs`: tus then keeps the bytes received and answers their offset, from which the client
 * resumes. The client's socket is let go, so the connection is not held for Node's request timeout.
 */
export function withIdleTimeout(request: Request, idleMs: number): Request {
  if (!request.body) return request;
  const reader = request.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let timer: NodeJS.Timeout | undefined;
      const idle = new Promise<"idle">((resolve) => {
        timer = setTimeout(() => resolve("idle"), idleMs);
      });
      try {
        const next = await Promise.race([reader.read(), idle]);
        if (next === "idle") {
          controller.close();
          void reader.cancel().catch(() => {});
        } else if (next.done) controller.close();
        else controller.enqueue(next.value);
      } finally {
        clearTimeout(timer);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return new Request(request.url, { method: request.method, headers: request.headers, body, duplex: "half" } as RequestInit);
}
