/**
 * A byte stream pulled from an async generator: the next chunk is produced only when the client
 * has taken the last one, so a slow download never piles pages up in memory. A client that goes
 * away (or a HEAD request, whose body is dropped) stops the generator (its `finally` blocks run);
 * the chunk it was making is dropped, and that is not a failure.
 */
export function streamOf(chunks: AsyncGenerator<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await chunks.next();
        if (cancelled) return;
        if (done) controller.close();
        else controller.enqueue(typeof value === "string" ? encoder.encode(value) : value);
      } catch (error) {
        if (cancelled) return;
        // Headers are already sent: all that is left is to break the download, and say why in the log.
        console.error("[export] stream failed:", error);
        controller.error(error);
      }
    },
    async cancel() {
      cancelled = true;
      await chunks.return(undefined);
    },
  });
}

/** Read a whole stream (tests, small answers). */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
