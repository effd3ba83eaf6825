import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { dataDir } from "@/lib/env";
import { drainJobs } from "@/lib/jobs/worker";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { submitSample } from "@/lib/test/fixtures";
import { makeImage, makeImageWithExif, makeVideoWithTags } from "@/lib/test/media";
import { useTestWorld } from "@/lib/test/world";
import { addEvidenceFromStream } from "../add-evidence";
import { boundMetadata, METADATA_BOUNDS } from "../bound-metadata";
import { getEvidence } from "../get-evidence";
import { EVIDENCE_JOB_HANDLERS } from "./handlers";
import { probeMedia } from "./media-tools";

/**
 * Issue 15, findings 5 to 7: hostile metadata. A 10 MB container tag or 60 kB EXIF strings are
 * stored cut, within a bound for the whole item; EXIF GPS that is not a position (NaN, 4.29e9°)
 * and dates that are not dates are left out with a note; and derivations read a filesystem
 * store's blob in place even when the store was made by another copy of its module (as in the
 * production bundle), rather than copying the whole file first.
 */

const json = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
const MB = 1024 * 1024;

describe.each(TEST_DRIVERS)("hostile metadata on %s", (driver) => {
  const world = useTestWorld(driver, {
    roles: ["submitter"],
    setup: async ({ db, submitter }) => ({ claimId: (await submitSample(db, submitter)).id }),
  });

  async function addAndProcess(bytes: Buffer | string, filename: string) {
    const stream = typeof bytes === "string" ? fs.createReadStream(bytes) : Readable.from([bytes]);
    const item = await addEvidenceFromStream(world.db, world.submitter, world.claimId, { stream, filename, intake: "upload" });
    await drainJobs(world.db, EVIDENCE_JOB_HANDLERS);
    return getEvidence(world.db, world.submitter, item.id);
  }

  it("cuts a 10 MB location tag of a video, and the item's answer stays small", async () => {
    const location = `Near the bridge ${"x".repeat(10 * MB)}`;
    const video = makeVideoWithTags("huge-location.mp4", { location, "com.apple.quicktime.model": "y".repeat(50_000) });
    const done = await addAndProcess(video, "huge-location.mp4");
    expect(done.processing.metadata).toBe("done");
    expect(done.metadata.videoCodec).toBe("h264");
    const stored = String(done.metadata.location);
    expect(stored.startsWith("Near the bridge xxx")).toBe(true);
    expect(stored.length).toBeLessThanOrEqual(METADATA_BOUNDS.valueChars);
    expect(stored.endsWith("…")).toBe(true);
    expect(String(done.metadata.device)).toMatch(/^y{1000}/);
    expect(String(done.metadata.device).length).toBeLessThanOrEqual(METADATA_BOUNDS.valueChars);
    expect(json(done.metadata)).toBeLessThanOrEqual(METADATA_BOUNDS.totalBytes);
    expect(json(done)).toBeLessThan(32 * 1024); // was 10.2 MB
    expect(done.metadataNote).toMatch(/cut/);
    expect(done.metadataNote).toMatch(/location/);
  });

  it("cuts huge EXIF strings of an image", async () => {
    const image = await makeImageWithExif(21, {
      IFD0: { Make: "M".repeat(20_000), Model: "N".repeat(20_000), Software: "S".repeat(20_000) },
      IFD2: { DateTimeOriginal: "2024:03:05 10:11:12" },
    });
    const done = await addAndProcess(image, "huge-exif.jpg");
    expect(done.processing.metadata).toBe("done");
    expect(String(done.metadata.device)).toMatch(/^M{100}/);
    expect(String(done.metadata.device).length).toBeLessThanOrEqual(METADATA_BOUNDS.valueChars);
    expect(String(done.metadata.software)).toMatch(/^S{100}.*…$/);
    expect(String(done.metadata.software).length).toBeLessThanOrEqual(METADATA_BOUNDS.valueChars);
    expect(done.metadata.capturedAt).toBe("2024-03-05T10:11:12");
    expect(json(done.metadata)).toBeLessThanOrEqual(METADATA_BOUNDS.totalBytes);
    expect(done.metadataNote).toMatch(/cut/);
  });

  it("keeps a real GPS position and capture time", async () => {
    const image = await makeImageWithExif(22, {
      IFD0: { Make: "Canon", Model: "EOS 5D" },
      IFD2: { DateTimeOriginal: "2024:03:05 10:11:12" },
      IFD3: { GPSLatitudeRef: "S", GPSLatitude: "33/1 51/1 3084/100", GPSLongitudeRef: "E", GPSLongitude: "151/1 12/1 3600/100" },
    });
    const done = await addAndProcess(image, "sydney.jpg");
    expect(done.metadata).toMatchObject({ device: "Canon EOS 5D", capturedAt: "2024-03-05T10:11:12" });
    const gps = done.metadata.gps as { latitude: number; longitude: number };
    expect(gps.latitude).toBeCloseTo(-33.8586, 3);
    expect(gps.longitude).toBeCloseTo(151.21, 3);
    expect(done.metadataNote).toBeNull();
  });

  it("leaves out GPS that is not a position (NaN, 4.29e9°, 95° north) and a capture time that is not a date, with a note", async () => {
    const crafted = [
      { GPSLatitudeRef: "N", GPSLatitude: "0/0 0/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "4294967295/1 0/1 0/1" },
      { GPSLatitudeRef: "N", GPSLatitude: "95/1 0/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "10/1 0/1 0/1" },
      { GPSLatitudeRef: "N", GPSLatitude: "10/1 0/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "181/1 0/1 0/1" },
    ];
    for (const [i, gps] of crafted.entries()) {
      const image = await makeImageWithExif(30 + i, { IFD0: { Make: "Canon", Model: "EOS 5D" }, IFD2: { DateTimeOriginal: "0000:00:00 00:00:00" }, IFD3: gps });
      const done = await addAndProcess(image, `crafted-gps-${i}.jpg`);
      expect(done.processing.metadata, JSON.stringify(gps)).toBe("done");
      expect(done.metadata.gps, JSON.stringify(gps)).toBeUndefined();
      expect(done.metadata.device).toBe("Canon EOS 5D");
      expect(done.metadata.capturedAt ?? null).toBeNull();
      expect(done.metadataNote).toMatch(/GPS position .* not a valid position/);
      expect(done.metadataNote).toMatch(/capture time .* not a valid date/);
      expect(JSON.stringify(done.metadata)).not.toMatch(/NaN|4294967295|0000:00:00/);
    }
  });
});

describe("probing a video with a 10 MB tag", () => {
  it("prints the tags for the metadata job only: the frame jobs' probe stays small", async () => {
    const video = makeVideoWithTags("huge-tag-probe.mp4", { location: `Near the bridge ${"x".repeat(10 * MB)}` });
    const all = await probeMedia(video, "video/mp4");
    expect(String(all.format?.tags?.location).length).toBeGreaterThan(10 * MB);
    const frames = await probeMedia(video, "video/mp4", "frames");
    expect(json(frames)).toBeLessThan(1024);
    expect(frames.format).toMatchObject({ format_name: "mov,mp4,m4a,3gp,3g2,mj2", duration: "2.000000" });
    expect(frames.format?.tags).toBeUndefined();
    expect(frames.streams?.find((s) => s.codec_type === "video")).toMatchObject({ codec_name: "h264", width: 64, height: 48 });
  });
});

describe("boundMetadata", () => {
  it("cuts strings without splitting a character, keys, nesting, entries and the total; drops what JSON cannot hold", () => {
    const emoji = "😀".repeat(METADATA_BOUNDS.valueChars); // two UTF-16 units each
    const { metadata, cut } = boundMetadata({
      emoji,
      ["k".repeat(500)]: "long key",
      nul: "a\u0000b\u0007c",
      lone: "x\uD800y",
      numbers: [1, Number.NaN, Number.POSITIVE_INFINITY, 2],
      deep: { a: { b: { c: { d: { e: "too deep" } } } } },
      many: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])),
      list: Array.from({ length: 500 }, (_, i) => i),
      when: new Date("2024-03-05T10:11:12Z"),
    });
    const cutEmoji = String(metadata.emoji);
    expect(cutEmoji.length).toBeLessThanOrEqual(METADATA_BOUNDS.valueChars);
    expect(cutEmoji.isWellFormed()).toBe(true);
    expect(cutEmoji.endsWith("😀…")).toBe(true);
    const longKey = Object.keys(metadata).find((k) => k.startsWith("kkk"))!;
    expect(longKey.length).toBeLessThanOrEqual(METADATA_BOUNDS.keyChars);
    expect(metadata.nul).toBe("abc");
    expect(String(metadata.lone).isWellFormed()).toBe(true);
    expect(metadata.numbers).toEqual([1, null, null, 2]);
    expect(JSON.stringify(metadata.deep)).not.toContain("too deep");
    expect(Object.keys(metadata.many as object).length).toBeLessThanOrEqual(METADATA_BOUNDS.entries);
    expect((metadata.list as number[]).length).toBeLessThanOrEqual(METADATA_BOUNDS.entries);
    expect(metadata.when).toBe("2024-03-05T10:11:12.000Z");
    expect(cut).toEqual(expect.arrayContaining(["emoji", "deep.a.b.c", "many", "list"]));

    const heavy = boundMetadata(Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`field${i}`, "é".repeat(5000)])));
    expect(json(heavy.metadata)).toBeLessThanOrEqual(METADATA_BOUNDS.totalBytes);
    expect(Object.keys(heavy.metadata).length).toBeGreaterThan(3);
    expect(heavy.cut).toContain("field59");
  });

  it("gives a caller's long field its own bound outside the total (a captured page's text)", () => {
    const text = "word ".repeat(10_000);
    const { metadata } = boundMetadata({ title: "t".repeat(5000), text }, { longText: { text: 20_000 } });
    expect(metadata.text).toBe(text.slice(0, 19_999) + "…");
    expect(String(metadata.title).length).toBeLessThanOrEqual(METADATA_BOUNDS.valueChars);
  });
});

describe("withLocalBlob on a filesystem store made by another copy of its module", () => {
  it("hands the tool the stored file itself: no temp copy of the original", async () => {
    vi.resetModules(); // a second FsBlobStore class, as the server bundle has more than one
    const { FsBlobStore } = await import("../storage/fs-blob-store");
    const root = path.join(dataDir(), "blobs");
    const store = new FsBlobStore(root);
    const globals = globalThis as unknown as { corroborateBlobStore?: unknown };
    const previous = globals.corroborateBlobStore;
    globals.corroborateBlobStore = store;
    try {
      vi.resetModules();
      const { withLocalBlob, storeDerivedBytes } = await import("./local-blob");
      const { sha256 } = await storeDerivedBytes(await makeImage(41), "image/jpeg");
      const stored = path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
      const seen = await withLocalBlob(sha256, async (file) => file);
      expect(seen).toBe(stored);
    } finally {
      globals.corroborateBlobStore = previous;
    }
  });
});
