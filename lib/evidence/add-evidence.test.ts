import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { blobs, evidence } from "@/db/schema";
import { listAuditEvents } from "@/lib/audit/list-events";
import { dataDir } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { drainJobs } from "@/lib/jobs/worker";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { makeActor, submitSample } from "@/lib/test/fixtures";
import { degradeImage, makeImage, makeVideo, reencodeVideo } from "@/lib/test/media";
import { useTestWorld } from "@/lib/test/world";
import { getClaim } from "@/lib/claims/get-claim";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { addEvidenceFromStream } from "./add-evidence";
import { EVIDENCE_JOB_HANDLERS } from "./derive/handlers";
import { contentDisposition, displayFilename } from "./filename";
import { getEvidence } from "./get-evidence";

const fromBuffer = (bytes: Buffer) => Readable.from([bytes]);
const fromFile = (file: string) => fs.createReadStream(file);

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected a failure");
}

/** This process's temp files: other test files, in other workers, share the folder and may be mid-upload. */
function tempFiles() {
  const dir = path.join(dataDir(), "blobs", "tmp");
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.startsWith(`${process.pid}-`)) : [];
}

describe.each(TEST_DRIVERS)("evidence intake on %s", (driver) => {
  const world = useTestWorld(driver, {
    roles: ["submitter", "reviewer"],
    setup: async ({ db, submitter }) => ({ claimId: (await submitSample(db, submitter)).id }),
  });

  it("stores an image content-addressed once, sniffs its type, and finds exact and near duplicates", async () => {
    const { db } = world;
    const image = await makeImage(7);
    const first = await addEvidenceFromStream(db, world.submitter, world.claimId, { stream: fromBuffer(image), filename: "photo.png", intake: "upload" });
    expect(first.mediaType).toBe("image/jpeg"); // from the bytes, not the name
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.originalFilename).toBe("photo.png");
    const blobFile = path.join(dataDir(), "blobs", first.sha256!.slice(0, 2), first.sha256!.slice(2, 4), first.sha256!);
    expect(fs.readFileSync(blobFile).equals(image)).toBe(true);
    expect(first.processing).toEqual({ metadata: "pending", thumbnail: "pending", phash: "pending" });

    const again = await addEvidenceFromStream(db, world.reviewer, world.claimId, { stream: fromBuffer(image), filename: "same.jpg", intake: "upload" });
    expect(again.sha256).toBe(first.sha256);
    const [{ n }] = await db.select({ n: count() }).from(blobs).where(eq(blobs.sha256, first.sha256!));
    expect(Number(n)).toBe(1);
    expect(again.duplicateOf.map((d) => d.evidenceId)).toEqual([first.id]);

    const degraded = await addEvidenceFromStream(db, world.reviewer, world.claimId, { stream: fromBuffer(await degradeImage(image)), filename: "repost.jpg", intake: "upload" });
    const different = await addEvidenceFromStream(db, world.reviewer, world.claimId, { stream: fromBuffer(await makeImage(99)), filename: "other.jpg", intake: "upload" });
    await drainJobs(db, EVIDENCE_JOB_HANDLERS);

    const done = await getEvidence(db, world.reviewer, first.id);
    expect(done.processing).toEqual({ metadata: "done", thumbnail: "done", phash: "done" });
    expect(done.phash).toMatch(/^[0-9a-f]{16}$/);
    expect(done.derivatives.map((d) => d.kind)).toEqual(["thumbnail"]);
    expect(done.metadata).toMatchObject({ width: 640, height: 480, format: "jpeg" });
    expect(done.metadataNote).toMatch(/stripped/);

    const similarToDegraded = (await getEvidence(db, world.reviewer, degraded.id)).similar.map((s) => s.evidenceId);
    expect(similarToDegraded).toContain(first.id);
    expect(similarToDegraded).not.toContain(different.id);
    expect((await getEvidence(db, world.reviewer, different.id)).similar).toEqual([]);

    const custody = await listAuditEvents(db, world.reviewer, { entity: `evidence:${first.id}` }).catch(() => null);
    expect(custody?.items.map((e) => e.type)).toEqual(["evidence.added", "evidence.derived", "evidence.derived", "evidence.derived"]);
  });

  it("derives metadata, a thumbnail and keyframes from a video, and matches a re-encoded copy but not another video", async () => {
    const { db } = world;
    const original = makeVideo("original.mp4", { source: "testsrc", seconds: 4 });
    const video = await addEvidenceFromStream(db, world.submitter, world.claimId, { stream: fromFile(original), filename: "original.mp4", intake: "upload" });
    const copy = await addEvidenceFromStream(db, world.reviewer, world.claimId, { stream: fromFile(reencodeVideo(original, "copy.mp4")), filename: "copy.mp4", intake: "upload" });
    const other = await addEvidenceFromStream(db, world.reviewer, world.claimId, { stream: fromFile(makeVideo("other.mp4", { source: "mandelbrot", seconds: 3 })), filename: "other.mp4", intake: "upload" });
    await drainJobs(db, EVIDENCE_JOB_HANDLERS);

    const done = await getEvidence(db, world.reviewer, video.id);
    expect(done.mediaType).toBe("video/mp4");
    expect(done.processing).toEqual({ metadata: "done", thumbnail: "done", keyframes: "done", web: "done", low: "done" });
    expect(done.metadata).toMatchObject({ videoCodec: "h264", width: 640, height: 360 });
    expect(Number(done.metadata.durationSeconds)).toBeCloseTo(4, 0);
    const keyframes = done.derivatives.filter((d) => d.kind === "keyframe");
    expect(keyframes.length).toBeGreaterThanOrEqual(1);
    expect(keyframes.length).toBeLessThanOrEqual(12);
    expect(keyframes.every((k) => /^[0-9a-f]{16}$/.test(k.phash ?? ""))).toBe(true);

    const similarToCopy = (await getEvidence(db, world.reviewer, copy.id)).similar.map((s) => s.evidenceId);
    expect(similarToCopy).toContain(video.id);
    expect(similarToCopy).not.toContain(other.id);
  });

  it("refuses types outside the allowlist (415) and files over the limit (413), leaving no row and no temp file", async () => {
    const { db } = world;
    const before = await db.select({ n: count() }).from(evidence);
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(600, 1)]);
    expect((await failure(addEvidenceFromStream(db, world.submitter, world.claimId, { stream: fromBuffer(elf), filename: "x.jpg", intake: "upload" }))).code).toBe("UNSUPPORTED_MEDIA_TYPE");
    const big = await makeImage(3);
    expect((await failure(addEvidenceFromStream(db, world.submitter, world.claimId, { stream: fromBuffer(big), filename: "big.jpg", intake: "upload", maxBytes: 1000 }))).code).toBe("PAYLOAD_TOO_LARGE");
    const after = await db.select({ n: count() }).from(evidence);
    expect(after).toEqual(before);
    expect(tempFiles()).toEqual([]);
  });

  it("keeps hostile filenames as metadata only and shows them safely", async () => {
    const { db } = world;
    const bytes = Buffer.from("A witness statement, in plain text.\n");
    const traversal = await addEvidenceFromStream(db, world.submitter, world.claimId, { stream: fromBuffer(bytes), filename: "../../etc/passwd", intake: "upload" });
    expect(traversal.originalFilename).toBe("../../etc/passwd");
    expect(traversal.mediaType).toBe("text/plain");
    expect(fs.existsSync(path.join(dataDir(), "..", "etc", "passwd"))).toBe(false);
    const rtl = "invoice\u202Egpj.exe";
    const spoof = await addEvidenceFromStream(db, world.submitter, world.claimId, { stream: fromBuffer(Buffer.from("other text\n")), filename: rtl, intake: "upload" });
    expect(spoof.originalFilename).toBe(rtl);
    expect(displayFilename(rtl)).toBe("invoice⟨U+202E⟩gpj.exe");
    const header = contentDisposition("a\r\nSet-Cookie: x=1\".txt", "0".repeat(64));
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.startsWith('attachment; filename="aSet-Cookie: x=1_.txt"')).toBe(true);
  });

  it("checks scope, role and state before reading a byte", async () => {
    const { db } = world;
    const stranger = await makeActor(db, "submitter");
    const admin = await makeActor(db, "admin");
    const image = await makeImage(11);
    expect((await failure(addEvidenceFromStream(db, stranger, world.claimId, { stream: fromBuffer(image), intake: "upload" }))).code).toBe("NOT_FOUND");
    expect((await failure(addEvidenceFromStream(db, admin, world.claimId, { stream: fromBuffer(image), intake: "upload" }))).code).toBe("FORBIDDEN");
    const closed = await submitSample(db, world.submitter);
    await transitionClaim(db, world.reviewer, closed.id, { action: "reject", version: 1, reason: "Out of scope." });
    const error = await failure(addEvidenceFromStream(db, world.submitter, closed.id, { stream: fromBuffer(image), intake: "upload" }));
    expect(error.details.guard).toBe("state");
  });
});

describe.each(TEST_DRIVERS)("the sensitivity guard, asked before review (issue 17), on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "reviewer", "editor"] });

  it("refuses to send to review until every item is reviewed for sensitivity, linking to the items", async () => {
    const { db, submitter, reviewer, editor } = world;
    let claim = await submitSample(db, submitter);
    const item = await addEvidenceFromStream(db, submitter, claim.id, { stream: fromBuffer(Buffer.from("a statement\n")), intake: "upload", filename: "statement.txt" });
    claim = await transitionClaim(db, reviewer, claim.id, { action: "accept", version: 1 });
    const { assessEvidence } = await import("@/lib/assessments/assess-evidence");
    await assessEvidence(db, reviewer, claim.id, { evidenceId: item.id, stance: "supports", credibility: 2 });
    const send = { action: "send_to_review", version: claim.version, grade: "single_source", rationale: "One origin." } as const;
    const refused = await failure(transitionClaim(db, reviewer, claim.id, send));
    expect(refused.status).toBe(422);
    expect(refused.details.guard).toBe("sensitivity");
    expect(refused.message).toContain("1 evidence item has not been reviewed for sensitivity");
    expect(refused.details.links).toEqual([{ href: `/evidence/${item.id}`, label: "statement.txt" }]);
    expect((await getClaim(db, reviewer, claim.id)).state, "still in corroboration").toBe("corroboration");

    const { markSensitivity } = await import("./mark-sensitivity");
    const reviewed = await markSensitivity(db, reviewer, item.id, { isGraphic: true, hasPersonalData: false, version: item.version });
    expect(reviewed.isGraphic).toBe(true);
    expect(reviewed.sensitivityReviewed?.by).toBe(reviewer.name);
    claim = await transitionClaim(db, reviewer, claim.id, send);
    expect(claim.state).toBe("review");
    const published = await transitionClaim(db, editor, claim.id, { action: "publish", version: claim.version });
    expect(published.state).toBe("published");
  });
});
