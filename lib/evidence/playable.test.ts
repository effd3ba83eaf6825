import { describe, expect, it } from "vitest";
import { playableMedium, workingCopyState } from "./playable";

describe("what the player takes", () => {
  it("plays video and audio, nothing else", () => {
    expect(playableMedium("video/mp4")).toBe("video");
    expect(playableMedium("video/3gpp")).toBe("video");
    expect(playableMedium("audio/mpeg")).toBe("audio");
    expect(playableMedium("image/jpeg")).toBeNull();
    expect(playableMedium("application/pdf")).toBeNull();
    expect(playableMedium(null)).toBeNull();
  });

  it("says why there is no copy yet from the web copy's step", () => {
    expect(workingCopyState({ web: "pending", low: "pending" })).toBe("pending");
    expect(workingCopyState({ web: "skipped" })).toBe("skipped");
    expect(workingCopyState({ web: "failed", low: "done" })).toBe("failed");
    expect(workingCopyState({ web: "done" })).toBeNull();
    expect(workingCopyState({ thumbnail: "done" })).toBeNull();
  });
});
