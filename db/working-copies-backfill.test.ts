import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { evidence, jobs } from "@/db/schema";
import { addEvidenceFromStream } from "@/lib/evidence/add-evidence";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { submitSample } from "@/lib/test/fixtures";
import { makeImage, makeVideo } from "@/lib/test/media";
import { useTestWorld } from "@/lib/test/world";

/** The hand-written block of the migration that queues working copies of what was stored before them. */
function backfillStatements(): string[] {
  const folder = path.join(process.cwd(), "db", "migrations");
  const file = fs.readdirSync(folder).find((f) => f.endsWith("_working_copies_backfill.sql"))!;
  const text = fs.readFileSync(path.join(folder, file), "utf8");
  return text.slice(text.indexOf("-- hand-written:")).split("--> statement-breakpoint").map((s) => s.trim()).filter(Boolean);
}

describe.each(TEST_DRIVERS)("the working copies back-fill on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter"] });

  it("queues web and low for stored videos and web for audio, once, keeping what their processing says already", async () => {
    const { db, submitter } = world;
    const claim = await submitSample(db, submitter);
    const add = async (bytes: Buffer, filename: string) => (await addEvidenceFromStream(db, submitter, claim.id, { stream: Readable.from([bytes]), filename, intake: "upload" })).id;
    const video = await add(fs.readFileSync(makeVideo("backfill.mp4", { seconds: 1, size: "64x48" })), "backfill.mp4");
    const image = await add(await makeImage(3), "photo.jpg");
    const text = await add(Buffer.from("a statement\n"), "statement.txt");
    // As stored before working copies: no web/low jobs, no web/low in processing; the audio row stands for a stored recording.
    await db.delete(jobs).where(sql`${jobs.kind} in ('web', 'low')`);
    await db.execute(sql`update evidence set processing = processing - 'web' - 'low'`);
    await db.execute(sql`update evidence set media_type = 'audio/mpeg', processing = '{"metadata": "done"}'::jsonb where id = ${text}`);
    await db.execute(sql`update evidence set processing = '{"metadata": "done", "thumbnail": "done", "keyframes": "failed"}'::jsonb where id = ${video}`);

    for (const round of [1, 2]) {
      for (const statement of backfillStatements()) await db.execute(sql.raw(statement));
      const queued = async (id: string) => (await db.select({ kind: jobs.kind }).from(jobs).where(and(eq(jobs.evidenceId, id), sql`${jobs.kind} in ('web', 'low')`))).map((j) => j.kind).sort();
      const processing = async (id: string) => (await db.select({ p: evidence.processing }).from(evidence).where(eq(evidence.id, id)))[0].p;
      expect(await queued(video), `round ${round}`).toEqual(["low", "web"]);
      expect(await queued(text), `round ${round}`).toEqual(["web"]);
      expect(await queued(image), `round ${round}`).toEqual([]);
      expect(await processing(video)).toEqual({ metadata: "done", thumbnail: "done", keyframes: "failed", web: "pending", low: "pending" });
      expect(await processing(text)).toEqual({ metadata: "done", web: "pending" });
      expect(await processing(image)).toEqual({ metadata: "pending", thumbnail: "pending", phash: "pending" });
    }
  });
});
