import { afterEach, describe, expect, it, vi } from "vitest";
import { readAll, streamOf } from "./export-stream";

describe("streamOf", () => {
  afterEach(() => vi.restoreAllMocks());

  it("streams the generator's chunks, text encoded as UTF-8", async () => {
    async function* chunks() {
      yield "شهداء ";
      yield new Uint8Array([0x41]);
    }
    expect(new TextDecoder().decode(await readAll(streamOf(chunks())))).toBe("شهداء A");
  });

  it("a client gone while a chunk is being made stops the generator, and is not logged as a failure", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    let release!: () => void;
    let finished = false;
    async function* chunks() {
      try {
        yield "first";
        await new Promise<void>((resolve) => (release = resolve));
        yield "second";
        yield "never asked for";
      } finally {
        finished = true;
      }
    }
    const reader = streamOf(chunks()).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("first");
    const pending = reader.read(); // the stream pulls the second chunk, which waits
    await new Promise((resolve) => setTimeout(resolve, 10));
    const cancelled = reader.cancel(); // as a HEAD request, or a client that hangs up
    release();
    await cancelled;
    expect((await pending).done).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(finished, "the generator's finally ran").toBe(true);
    expect(logged).not.toHaveBeenCalled();
  });

  it("a generator that fails breaks the download and says why in the log", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    async function* chunks(): AsyncGenerator<string> {
      yield "start";
      throw new Error("the database went away");
    }
    await expect(readAll(streamOf(chunks()))).rejects.toThrow("the database went away");
    expect(logged).toHaveBeenCalledWith("[export] stream failed:", expect.any(Error));
  });
});
