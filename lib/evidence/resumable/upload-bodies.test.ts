import { describe, expect, it } from "vitest";
import { carriesBytes, takeBodyPlace, withIdleTimeout } from "./upload-bodies";

describe("takeBodyPlace", () => {
  it("gives a person `max` places, refuses the next, and frees a place once when given back", () => {
    const counts = new Map<string, number>();
    const taken = [1, 2].map(() => takeBodyPlace(counts, "alice", 2));
    expect(taken.every(Boolean)).toBe(true);
    expect(takeBodyPlace(counts, "alice", 2)).toBeNull();
    expect(takeBodyPlace(counts, "bob", 2)).not.toBeNull();
    taken[0]!();
    taken[0]!();
    expect(counts.get("alice")).toBe(1);
    expect(takeBodyPlace(counts, "alice", 2)).not.toBeNull();
    expect(takeBodyPlace(counts, "alice", 2)).toBeNull();
  });
});

describe("carriesBytes", () => {
  it("is every PATCH and a creation with its first bytes", () => {
    const request = (method: string, type?: string) => new Request("http://x/api/v1/uploads", { method, headers: type ? { "content-type": type } : {} });
    expect(carriesBytes(request("PATCH"))).toBe(true);
    expect(carriesBytes(request("POST", "application/offset+octet-stream"))).toBe(true);
    expect(carriesBytes(request("POST"))).toBe(false);
    expect(carriesBytes(request("HEAD"))).toBe(false);
  });
});

describe("withIdleTimeout", () => {
  it("ends a body that sends nothing for the idle time, keeping what arrived, and lets the client's stream go", async () => {
    let cancelled = false;
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([1, 2, 3]));
      },
      cancel() {
        cancelled = true;
      },
    });
    const request = new Request("http://x/u/1", { method: "PATCH", body: source, duplex: "half" } as RequestInit);
    const started = Date.now();
    const received = new Uint8Array(await withIdleTimeout(request, 100).arrayBuffer());
    expect([...received]).toEqual([1, 2, 3]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(cancelled).toBe(true);
  });

  it("passes a body that keeps sending, though it takes longer in all than the idle time", async () => {
    let sent = 0;
    const source = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (sent === 10) controller.close();
        else controller.enqueue(new Uint8Array([sent++]));
      },
    });
    const request = new Request("http://x/u/1", { method: "PATCH", body: source, duplex: "half" } as RequestInit);
    expect([...new Uint8Array(await withIdleTimeout(request, 150).arrayBuffer())]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
