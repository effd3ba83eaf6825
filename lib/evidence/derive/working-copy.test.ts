import { describe, expect, it, vi } from "vitest";

// This machine has ffmpeg: the deriver is asked as if it had not.
vi.mock("./media-tools", async (original) => ({ ...(await original<typeof import("./media-tools")>()), hasTool: async () => false }));

const { makeWorkingCopy } = await import("./working-copy");

describe("working copies without ffmpeg, or of what gets none", () => {
  it("skips a video's copies, saying ffmpeg is not installed, and touches nothing", async () => {
    const item = { id: "00000000-0000-4000-8000-000000000001", mediaType: "video/mp4", sha256: "a".repeat(64) };
    for (const kind of ["web", "low"] as const) {
      const result = await makeWorkingCopy(kind, item, "/nonexistent/original.mp4");
      expect(result).toEqual({ outcome: "skipped", detail: "ffmpeg is not installed" });
    }
  });

  it("makes no copy of a picture or a document, and no low copy of audio", async () => {
    const file = "/nonexistent/file";
    expect((await makeWorkingCopy("web", { id: "x", mediaType: "image/jpeg", sha256: null }, file)).outcome).toBe("skipped");
    expect((await makeWorkingCopy("web", { id: "x", mediaType: "application/pdf", sha256: null }, file)).outcome).toBe("skipped");
    expect(await makeWorkingCopy("low", { id: "x", mediaType: "audio/mpeg", sha256: null }, file)).toEqual({ outcome: "skipped", detail: { reason: "Audio gets one working copy" } });
  });
});
