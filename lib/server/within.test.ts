import { afterEach, describe, expect, it, vi } from "vitest";
import { within } from "./within";

describe("within", () => {
  afterEach(() => vi.useRealTimers());

  it("answers `late` at the deadline when the work never settles, and the work's result when it comes first", async () => {
    vi.useFakeTimers();
    const never = new Promise<string>(() => {});
    const late = within(never, 3_000, "timeout" as const);
    let settled: string | undefined;
    void late.then((value) => (settled = value));
    await vi.advanceTimersByTimeAsync(2_999);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe("timeout");

    await expect(within(Promise.resolve("current"), 3_000, "timeout" as const)).resolves.toBe("current");
    expect(vi.getTimerCount(), "the deadline's timer is cleared once the work settles").toBe(0);
  });

  it("passes the work's failure on", async () => {
    await expect(within(Promise.reject(new Error("refused")), 3_000, "timeout")).rejects.toThrow("refused");
  });
});
