import { revalidatePath, revalidateTag } from "next/cache";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { reportCommitted } from "@/lib/effects/committed";
import { PUBLIC_ENTRIES_TAG } from "@/lib/publishing/public-cache";
import { runAfterCommit, withAfterCommit } from "./after-commit";

vi.mock("next/cache", () => ({
  revalidatePath: vi.fn(),
  revalidateTag: vi.fn(),
  unstable_cache: <T>(read: T) => read,
}));

describe("the after-commit hook", () => {
  beforeEach(() => {
    vi.mocked(revalidatePath).mockClear();
    vi.mocked(revalidateTag).mockClear();
  });

  it("drops a changed entry's public cache once, after the door's operation, even when the operation then fails", async () => {
    const failing = withAfterCommit(async () => {
      reportCommitted({ type: "public_entry.changed", slug: "1-383-civilians" });
      expect(revalidateTag).not.toHaveBeenCalled(); // not before the operation is over
      reportCommitted({ type: "public_entry.changed", slug: "1-383-civilians" });
      throw new Error("reading the answer back failed");
    });
    await expect(failing).rejects.toThrow("reading the answer back failed");
    expect(vi.mocked(revalidateTag).mock.calls).toEqual([[PUBLIC_ENTRIES_TAG, { expire: 0 }]]);
    // Each language's page of the entry, once.
    expect(vi.mocked(revalidatePath).mock.calls).toEqual([["/ar/entries/1-383-civilians"], ["/en/entries/1-383-civilians"]]);
  });

  it("hears nothing reported outside a door, and refreshes the pages a form names", async () => {
    reportCommitted({ type: "public_entry.changed", slug: "seeded" });
    expect(await withAfterCommit(async () => "answer")).toBe("answer");
    expect(revalidateTag).not.toHaveBeenCalled();
    await runAfterCommit([], ["/claims/1"]);
    expect(vi.mocked(revalidatePath).mock.calls).toEqual([["/claims/1"]]);
  });
});
