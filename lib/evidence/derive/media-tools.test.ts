import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeVideo } from "@/lib/test/media";
import { probeMedia } from "./media-tools";

/**
 * How many ffprobe processes a probe costs. Each costs a process start (0.3–0.8 s on a busy
 * two-core machine) and every video item is probed by three jobs (metadata, thumbnail, keyframes).
 * An `ffprobe` first on the PATH records each run and hands over to the real one.
 */
describe("probeMedia", () => {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-probe-count-"));
  const log = path.join(bin, "runs.log");
  const realFfprobe = execFileSync("sh", ["-c", "command -v ffprobe"], { encoding: "utf8" }).trim();
  const originalPath = process.env.PATH;
  const runs = () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n").filter(Boolean) : []);

  beforeAll(() => {
    fs.writeFileSync(path.join(bin, "ffprobe"), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realFfprobe}' "$@"\n`, { mode: 0o755 });
    process.env.PATH = `${bin}:${originalPath}`;
  });
  afterAll(() => {
    process.env.PATH = originalPath;
    fs.rmSync(bin, { recursive: true, force: true });
  });

  const probed = async (file: string, mediaType: string, show?: "all" | "frames") => {
    fs.rmSync(log, { force: true });
    const probe = await probeMedia(file, mediaType, show);
    return { probe, runs: runs() };
  };

  it("reads an MP4's size and duration for a frame job from its headers: one process, no second probe", async () => {
    const video = makeVideo("probe-count.mp4", { seconds: 2, size: "160x90" });
    const frames = await probed(video, "video/mp4", "frames");
    expect(frames.runs).toHaveLength(1);
    expect(frames.runs[0]).toContain("-nofind_stream_info");
    expect(frames.probe.format).toMatchObject({ duration: "2.000000" });
    expect(frames.probe.streams?.[0]).toMatchObject({ codec_type: "video", width: 160, height: 90 });

    // The metadata job's probe reads the streams too (codecs, bit rates, tags): two.
    const all = await probed(video, "video/mp4");
    expect(all.runs).toHaveLength(2);
    expect(all.runs[1]).toContain("-max_pixels");
  });

  it("probes the streams when the headers do not give the size (MPEG-TS), with the pixel bound", async () => {
    const ts = makeVideo("probe-count.ts", { seconds: 2, size: "160x90", extra: ["-f", "mpegts"] });
    const frames = await probed(ts, "video/mp2t", "frames");
    expect(frames.runs).toHaveLength(2);
    expect(frames.runs[1]).toContain("-max_pixels");
    expect(frames.probe.streams?.find((s) => s.codec_type === "video")).toMatchObject({ width: 160, height: 90 });
  });
});
