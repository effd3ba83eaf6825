import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { and, asc, eq, sql } from "drizzle-orm";
import type S3rver from "s3rver";
import { startS3 } from "@/lib/test/s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, evidenceViews } from "@/db/schema";
import type { Db } from "@/db/connect";
import { evidenceContent } from "@/lib/api/file-doors";
import { errorResponse } from "@/lib/api/respond";
import type { Actor } from "@/lib/auth/permissions";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { addEvidenceFromStream } from "./add-evidence";
import { VIEW_WINDOW_MINUTES } from "./record-view";
import type { BlobStore } from "./storage/blob-store";

// Text whose every offset reads differently, so an off-by-one shows.
const BYTES = Buffer.from(Array.from({ length: 8000 }, (_, i) => `line ${String(i).padStart(5, "0")}\n`).join(""));
const SIZE = BYTES.length;

type Answer = { status: number; headers: Headers; body: Buffer };

/** The content door as the API serves it, errors in the API's shape. */
async function getContent(db: Db, actor: Actor, evidenceId: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  const request = new Request(`http://localhost/api/v1/evidence/${evidenceId}/content`, { method, headers: { Authorization: "Bearer test", ...headers } });
  const response = await evidenceContent({ request, params: { evidenceId }, db, actor, resolveActor: async () => actor, query: undefined, readBody: async () => undefined }).catch(errorResponse);
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

async function eventsOf(db: Db, evidenceId: string) {
  const rows = await db
    .select({ type: auditEvents.type, data: auditEvents.data })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "evidence"), eq(auditEvents.entityId, evidenceId)))
    .orderBy(asc(auditEvents.seq));
  return rows.filter((r) => r.type === "evidence.viewed" || r.type === "evidence.downloaded");
}

/** Swaps the process's blob store for an S3 one (s3rver on loopback) for the block, or keeps the filesystem's. */
function useBlobStore(kind: "fs" | "s3") {
  const globals = globalThis as unknown as { corroborateBlobStore?: BlobStore };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-ranges-door-"));
  let server: S3rver | undefined;
  let previous: BlobStore | undefined;
  beforeAll(async () => {
    if (kind === "fs") return;
    const s3 = await startS3(dir);
    server = s3.server;
    previous = globals.corroborateBlobStore;
    globals.corroborateBlobStore = s3.store;
  });
  afterAll(async () => {
    if (kind === "s3") globals.corroborateBlobStore = previous;
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

describe.each(TEST_DRIVERS)("the original's content door on %s", (driver) => {
  describe.each(["fs", "s3"] as const)("from the %s blob store", (store) => {
    useBlobStore(store);
    const world = useTestWorld(driver, {
      roles: ["submitter", "reviewer"],
      actors: { otherSubmitter: "submitter" },
      setup: async ({ db, submitter }) => {
        const claim = await submitSample(db, submitter);
        const item = await addEvidenceFromStream(db, submitter, claim.id, { stream: Readable.from([BYTES]), filename: "log.txt", intake: "upload" });
        return { evidenceId: item.id, sha256: item.sha256! };
      },
    });

    it("serves the first bytes, the middle, a suffix and an open end as 206; 416 past the end", async () => {
      const { db, reviewer, evidenceId } = world;
      const first = await getContent(db, reviewer, evidenceId, { Range: "bytes=0-99" });
      expect(first.status).toBe(206);
      expect(first.headers.get("content-range")).toBe(`bytes 0-99/${SIZE}`);
      expect(first.headers.get("content-length")).toBe("100");
      expect(first.headers.get("accept-ranges")).toBe("bytes");
      expect(first.headers.get("content-disposition")).toMatch(/^attachment/);
      expect(first.body.equals(BYTES.subarray(0, 100))).toBe(true);

      const middle = await getContent(db, reviewer, evidenceId, { Range: "bytes=30000-30999" });
      expect([middle.status, middle.headers.get("content-range")]).toEqual([206, `bytes 30000-30999/${SIZE}`]);
      expect(middle.body.equals(BYTES.subarray(30_000, 31_000))).toBe(true);

      const suffix = await getContent(db, reviewer, evidenceId, { Range: "bytes=-500" });
      expect([suffix.status, suffix.headers.get("content-range")]).toEqual([206, `bytes ${SIZE - 500}-${SIZE - 1}/${SIZE}`]);
      expect(suffix.body.equals(BYTES.subarray(SIZE - 500))).toBe(true);

      const open = await getContent(db, reviewer, evidenceId, { Range: `bytes=${SIZE - 1234}-` });
      expect(open.status).toBe(206);
      expect(open.body.equals(BYTES.subarray(SIZE - 1234))).toBe(true);

      const past = await getContent(db, reviewer, evidenceId, { Range: `bytes=${SIZE}-` });
      expect([past.status, past.headers.get("content-range")]).toEqual([416, `bytes */${SIZE}`]);
      expect(JSON.parse(past.body.toString()).error.code).toBe("RANGE_NOT_SATISFIABLE");
    });

    it("keeps the range for If-Range naming the hash, and sends the whole file for another tag", async () => {
      const { db, reviewer, evidenceId, sha256 } = world;
      const same = await getContent(db, reviewer, evidenceId, { Range: "bytes=10-19", "If-Range": `"${sha256}"` });
      expect(same.status).toBe(206);
      expect(same.body.equals(BYTES.subarray(10, 20))).toBe(true);
      const lastModified = same.headers.get("last-modified")!;
      const dated = await getContent(db, reviewer, evidenceId, { Range: "bytes=10-19", "If-Range": lastModified });
      expect([dated.status, dated.body.toString()]).toEqual([206, BYTES.subarray(10, 20).toString()]);
      const later = new Date(Date.parse(lastModified) + 1000).toUTCString();
      expect((await getContent(db, reviewer, evidenceId, { Range: "bytes=10-19", "If-Range": later })).status).toBe(200);
      const other = await getContent(db, reviewer, evidenceId, { Range: "bytes=10-19", "If-Range": `"${"0".repeat(64)}"` });
      expect(other.status).toBe(200);
      expect(other.headers.get("etag")).toBe(`"${sha256}"`);
      expect(other.body.equals(BYTES)).toBe(true);
    });

    it("answers a range of another submitter's file with 404, reading and recording nothing", async () => {
      const { db, otherSubmitter, evidenceId } = world;
      const before = (await eventsOf(db, evidenceId)).length;
      const answer = await getContent(db, otherSubmitter, evidenceId, { Range: "bytes=0-99" });
      expect(answer.status).toBe(404);
      expect(answer.body.includes(BYTES.subarray(0, 20))).toBe(false);
      expect((await eventsOf(db, evidenceId)).length).toBe(before);
    });
  });

  describe("the custody of reads", () => {
    const world = useTestWorld(driver, {
      roles: ["submitter", "reviewer"],
      setup: async ({ db, submitter }) => {
        const claim = await submitSample(db, submitter);
        const item = await addEvidenceFromStream(db, submitter, claim.id, { stream: Readable.from([BYTES]), filename: "log.txt", intake: "upload" });
        return { evidenceId: item.id, sha256: item.sha256! };
      },
    });

    it(`records one view for many ranges within ${VIEW_WINDOW_MINUTES} minutes, another after; every whole read is a download`, async () => {
      const { db, reviewer, submitter, evidenceId, sha256 } = world;
      for (const range of ["bytes=0-99", "bytes=500-", "bytes=-10", "bytes=0-99"]) {
        expect((await getContent(db, reviewer, evidenceId, { Range: range })).status).toBe(206);
      }
      // Concurrent ranges (a player's first requests) record one view between them.
      await Promise.all([1, 2, 3].map(() => getContent(db, reviewer, evidenceId, { Range: "bytes=0-9" })));
      expect(await eventsOf(db, evidenceId)).toEqual([{ type: "evidence.viewed", data: { sha256, copy: "original", via: "api" } }]);

      // Another person's reads are their own view; a HEAD and a 416 record nothing.
      await getContent(db, submitter, evidenceId, { Range: "bytes=0-9" });
      expect((await getContent(db, reviewer, evidenceId, {}, "HEAD")).headers.get("accept-ranges")).toBe("bytes");
      expect((await getContent(db, reviewer, evidenceId, { Range: "bytes=99999999-" })).status).toBe(416);
      expect((await eventsOf(db, evidenceId)).map((e) => e.type)).toEqual(["evidence.viewed", "evidence.viewed"]);

      // A download without Range is recorded each time, window or not.
      const whole = await getContent(db, reviewer, evidenceId);
      expect([whole.status, whole.body.equals(BYTES)]).toEqual([200, true]);
      await getContent(db, reviewer, evidenceId);
      expect((await eventsOf(db, evidenceId)).map((e) => e.type)).toEqual(["evidence.viewed", "evidence.viewed", "evidence.downloaded", "evidence.downloaded"]);

      // Once the window has passed, the next range is a view again.
      await db
        .update(evidenceViews)
        .set({ recordedAt: sql`now() - interval '${sql.raw(String(VIEW_WINDOW_MINUTES + 1))} minutes'` })
        .where(and(eq(evidenceViews.evidenceId, evidenceId), eq(evidenceViews.userId, reviewer.id)));
      await getContent(db, reviewer, evidenceId, { Range: "bytes=0-9" });
      await getContent(db, reviewer, evidenceId, { Range: "bytes=10-19" });
      const events = await eventsOf(db, evidenceId);
      expect(events.map((e) => e.type)).toEqual(["evidence.viewed", "evidence.viewed", "evidence.downloaded", "evidence.downloaded", "evidence.viewed"]);
    });
  });
});
