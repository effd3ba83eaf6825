import { fingerprintHash } from "@/lib/publishing/snapshot";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { assessEvidence } from "@/lib/assessments/assess-evidence";
import { listAuditEvents, listClaimTimeline } from "@/lib/audit/list-events";
import { AppError } from "@/lib/errors/app-error";
import { drainJobs } from "@/lib/jobs/worker";
import { PermanentJobFailure } from "@/lib/jobs/permanent-failure";
import { getClaimOrigins } from "@/lib/origins/claim-origins";
import { getPublicEntry } from "@/lib/publishing/public-entries";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { attachAssessedItem, submitSample } from "@/lib/test/fixtures";
import { serveLocally } from "@/lib/test/http";
import { drainJobsPastBackoff } from "@/lib/test/jobs";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { addEvidenceFromStream } from "./add-evidence";
import { captureFailureReason } from "./capture/failure-reason";
import { requestPageCapture } from "./capture/request-capture";
import { retryCapture } from "./capture/retry-capture";
import { buildCustodyReport } from "./custody-report";
import { EVIDENCE_JOB_HANDLERS } from "./derive/handlers";
import { getEvidence } from "./get-evidence";
import { listClaimEvidence } from "./list-claim-evidence";
import { openEvidenceContent } from "./read-content";
import { withdrawEvidence } from "./withdraw-evidence";

describe("a failed capture's reason", () => {
  it("is a short sentence a person can act on, never the raw error", () => {
    const refused = new AppError("INVALID_STATE", "Refused: evil.example resolves to a non-public address (10.0.0.1).", { guard: "address" });
    expect(captureFailureReason(refused)).toBe("The address leads into a private network, so it was not fetched.");
    expect(captureFailureReason(new PermanentJobFailure("x", { cause: refused }))).toBe("The address leads into a private network, so it was not fetched.");
    expect(captureFailureReason(new AppError("INVALID_STATE", "The host nowhere.invalid could not be resolved.", { guard: "address" }))).toBe(
      "The address could not be found: no such host.",
    );
    expect(captureFailureReason(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }))).toBe("The address could not be reached.");
    expect(captureFailureReason(new AppError("PAYLOAD_TOO_LARGE", "The page is larger than 20971520 bytes."), { maxBytes: 20 * 1024 * 1024 })).toBe(
      "The page was larger than the limit (20 MB).",
    );
    expect(captureFailureReason(new AppError("UNAVAILABLE", "The page took too long to answer."))).toBe("The page took too long to answer.");
    expect(captureFailureReason(new AppError("INVALID_STATE", "Too many redirects.", { guard: "url" }))).toBe("The page redirected too many times.");
    const odd = new Error("TypeError: Cannot read properties of undefined\n    at runCapture (/app/lib/evidence/capture/run-capture.ts:40:12)");
    expect(captureFailureReason(odd)).toBe("The capture failed for an unexpected reason; try again.");
  });
});

describe.each(TEST_DRIVERS)("the evidence lifecycle on %s", (driver) => {
  const world = useTestWorld(driver, {
    roles: ["submitter", "reviewer", "editor"],
    actors: { otherEditor: "editor" },
    setup: async () => {
      // `/flaky` refuses (redirects inward) until `mend()`; then it is a page like `/report`.
      // `/while-fetched` runs `duringFetch` before it answers: what happens while a page is fetched.
      const state: { mended: boolean; duringFetch?: () => Promise<void> } = { mended: false };
      const served = await serveLocally(async (req, res) => {
        if (req.url === "/while-fetched") await state.duringFetch?.();
        if (req.url === "/inward" || (req.url === "/flaky" && !state.mended)) {
          res.writeHead(302, { Location: "http://10.0.0.1/secret" }).end();
          return;
        }
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
        res.end(`<!doctype html><html><head><title>Report ${req.url}</title></head><body><p>Bodies were found near the village.</p></body></html>`);
      });
      return { ...served, mend: () => (state.mended = true), duringFetch: (hook: () => Promise<void>) => (state.duringFetch = hook) };
    },
  });
  afterAll(() => {
    world.server.close();
  });

  async function acceptedClaim() {
    const claim = await submitSample(world.db, world.submitter);
    return transitionClaim(world.db, world.reviewer, claim.id, { action: "accept", version: claim.version });
  }

  async function failedCapture(claimId: string, path = "/inward") {
    const requested = await requestPageCapture(world.db, world.reviewer, claimId, { url: `${world.base}${path}` });
    await drainJobsPastBackoff(world.db, requested.id, EVIDENCE_JOB_HANDLERS);
    return getEvidence(world.db, world.reviewer, requested.id);
  }

  async function upload(claimId: string, actor = world.reviewer, text = `A note ${Math.random()}\n`) {
    return addEvidenceFromStream(world.db, actor, claimId, { stream: Readable.from([Buffer.from(text)]), intake: "upload" });
  }

  it("a failed capture is no origin, asks no sensitivity review, and is not on the public entry ('2 origins' from 2 items, not 3)", async () => {
    const { db } = world;
    let claim = await acceptedClaim();
    await attachAssessedItem(db, world.reviewer, claim.id, "First account.\n");
    await attachAssessedItem(db, world.reviewer, claim.id, "Second account.\n");
    const failed = await failedCapture(claim.id);

    expect(failed).toMatchObject({ status: "failed", sha256: null, processing: { capture: "failed" }, captureError: "The address leads into a private network, so it was not fetched." });
    const listed = await listClaimEvidence(db, world.reviewer, claim.id);
    expect(listed.map((i) => i.status)).toEqual(["held", "held", "failed"]);
    const custody = await listAuditEvents(db, world.reviewer, { entity: `evidence:${failed.id}` });
    expect(custody.items.find((e) => e.type === "evidence.capture_failed")?.data).toMatchObject({ reason: failed.captureError, attempts: 1 });

    const origins = await getClaimOrigins(db, world.reviewer, claim.id);
    expect(origins.items).toBe(2);
    expect(origins.origins).toHaveLength(2);
    expect(origins.origins.flatMap((o) => o.evidenceIds)).not.toContain(failed.id);

    // Not reviewed for sensitivity, and it need not be: it holds nothing to review.
    claim = await transitionClaim(db, world.reviewer, claim.id, { action: "send_to_review", version: claim.version, grade: "probable", rationale: "Two accounts." });
    claim = await transitionClaim(db, world.editor, claim.id, { action: "publish", version: claim.version });
    const entry = await getPublicEntry(db, claim.publicSlug!);
    expect(entry.origins).toMatchObject({ count: 2, supporting: 2 });
    expect(entry.evidence).toMatchObject({ items: 2 });
    expect(JSON.stringify(entry)).not.toContain(world.base);
  });

  it("a retried capture goes back to capturing and, once the page answers, holds its bytes and counts", async () => {
    const { db } = world;
    const claim = await acceptedClaim();
    const failed = await failedCapture(claim.id, "/flaky");
    expect(failed.status).toBe("failed");

    // Bad input changes nothing.
    const bad = await rejection(retryCapture(db, world.submitter, failed.id, { force: true }));
    expect(bad.code).toBe("BAD_REQUEST");
    // The submitter may add evidence to their claim, so may retry its capture.
    const retried = await retryCapture(db, world.submitter, failed.id, {});
    expect(retried).toMatchObject({ status: "capturing", captureError: null, processing: { capture: "pending" }, version: failed.version + 1 });
    const again = await rejection(retryCapture(db, world.submitter, failed.id));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toMatch(/still being captured/);

    world.mend();
    await drainJobs(db, EVIDENCE_JOB_HANDLERS);
    const held = await getEvidence(db, world.reviewer, failed.id);
    expect(held).toMatchObject({ status: "held", captureError: null, processing: { capture: "done" }, mediaType: "application/warc" });
    expect(held.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await getClaimOrigins(db, world.reviewer, claim.id)).origins.flatMap((o) => o.evidenceIds)).toEqual([failed.id]);

    const events = (await listAuditEvents(db, world.reviewer, { entity: `evidence:${failed.id}`, order: "asc" })).items.map((e) => e.type);
    expect(events).toEqual(["evidence.added", "evidence.capture_failed", "evidence.capture_retried", "evidence.captured"]);
    const timeline = (await listClaimTimeline(db, world.reviewer, claim.id)).items.map((e) => e.type);
    expect(timeline).toEqual(expect.arrayContaining(["evidence.capture_failed", "evidence.capture_retried", "evidence.captured"]));

    // Only a failed capture is retried.
    const done = await rejection(retryCapture(db, world.submitter, failed.id));
    expect([done.code, done.details.guard]).toEqual(["INVALID_STATE", "capture_status"]);
    const uploaded = await upload(claim.id);
    const notCapture = await rejection(retryCapture(db, world.reviewer, uploaded.id));
    expect([notCapture.code, notCapture.details.guard]).toEqual(["INVALID_STATE", "capture_status"]);
    const stale = await rejection(retryCapture(db, world.reviewer, (await failedCapture(claim.id)).id, { version: 99 }));
    expect(stale.code).toBe("CONFLICT");
  });

  it("a capture that cannot reach its address says so, after its attempts", async () => {
    const claim = await acceptedClaim();
    const unreachable = await requestPageCapture(world.db, world.reviewer, claim.id, { url: "http://127.0.0.1:1/gone" });
    await drainJobsPastBackoff(world.db, unreachable.id, EVIDENCE_JOB_HANDLERS);
    const failed = await getEvidence(world.db, world.reviewer, unreachable.id);
    expect(failed).toMatchObject({ status: "failed", captureError: "The address could not be reached." });
    const custody = await listAuditEvents(world.db, world.reviewer, { entity: `evidence:${failed.id}` });
    expect(custody.items.find((e) => e.type === "evidence.capture_failed")?.data).toMatchObject({ attempts: 3 });
  });

  it("a withdrawn item leaves the origins, the guards and the public entry, and stays in the custody trail", async () => {
    const { db } = world;
    let claim = await acceptedClaim();
    const kept = await attachAssessedItem(db, world.reviewer, claim.id, "Kept.\n");
    const wrong = await attachAssessedItem(db, world.reviewer, claim.id, "Attached to the wrong claim.\n");
    const unreviewed = await upload(claim.id, world.reviewer, "Never reviewed for sensitivity.\n");
    expect((await getClaimOrigins(db, world.reviewer, claim.id)).origins).toHaveLength(3);

    // Stale version, missing reason, another's item as a submitter: refused, nothing written.
    const before = (await listAuditEvents(db, world.reviewer, { entity: `evidence:${wrong.id}` })).items.length;
    const current = await getEvidence(db, world.reviewer, wrong.id);
    expect(current.version).toBe(2); // reviewed for sensitivity
    expect((await rejection(withdrawEvidence(db, world.reviewer, wrong.id, { reason: "Wrong claim.", version: 1 }))).code).toBe("CONFLICT");
    const noReason = await rejection(withdrawEvidence(db, world.reviewer, wrong.id, { reason: "  ", version: current.version }));
    expect([noReason.code, noReason.details.fieldErrors?.reason]).toEqual(["BAD_REQUEST", ["Required."]]);
    const tooLong = await rejection(withdrawEvidence(db, world.reviewer, wrong.id, { reason: "x".repeat(501), version: current.version }));
    expect(tooLong.code).toBe("BAD_REQUEST");
    // The submitter's claim is accepted: withdrawing is now for reviewers and editors.
    expect((await rejection(withdrawEvidence(db, world.submitter, wrong.id, { reason: "Mine.", version: current.version }))).code).toBe("FORBIDDEN");
    expect((await listAuditEvents(db, world.reviewer, { entity: `evidence:${wrong.id}` })).items).toHaveLength(before);
    expect((await getEvidence(db, world.reviewer, wrong.id)).status).toBe("held");

    const withdrawn = await withdrawEvidence(db, world.reviewer, wrong.id, { reason: "  Attached to the wrong claim.  ", version: current.version });
    expect(withdrawn).toMatchObject({ status: "withdrawn", withdrawal: { by: world.reviewer.name, reason: "Attached to the wrong claim." }, version: current.version + 1 });
    await withdrawEvidence(db, world.reviewer, unreviewed.id, { reason: "A duplicate of the kept note.", version: unreviewed.version });
    const twice = await rejection(withdrawEvidence(db, world.reviewer, wrong.id, { reason: "Again.", version: withdrawn.version }));
    expect([twice.code, twice.details.guard]).toEqual(["INVALID_STATE", "evidence_status"]);
    const assess = await rejection(assessEvidence(db, world.reviewer, claim.id, { evidenceId: wrong.id, stance: "supports", credibility: 1 }));
    expect([assess.code, assess.details.guard]).toEqual(["INVALID_STATE", "evidence_status"]);

    const origins = await getClaimOrigins(db, world.reviewer, claim.id);
    expect(origins.origins.map((o) => o.evidenceIds)).toEqual([[kept.id]]);
    expect(origins).toMatchObject({ items: 1, supporting: 1, suggestedGrade: "single_source" });

    // Staff still read it, bytes and custody trail, with the withdrawal in it.
    const { stream } = await openEvidenceContent(db, world.reviewer, wrong.id, "api");
    stream!.destroy();
    const report = await buildCustodyReport(db, world.reviewer, wrong.id);
    expect(report.evidence).toMatchObject({ status: "withdrawn", withdrawal: { reason: "Attached to the wrong claim." } });
    const event = report.custody.find((e) => e.type === "evidence.withdrawn");
    expect(event?.data).toMatchObject({ reason: "Attached to the wrong claim.", status: "held", claimId: claim.id });
    expect((await listClaimTimeline(db, world.reviewer, claim.id)).items.map((e) => e.type)).toContain("evidence.withdrawn");

    // The unreviewed item was withdrawn: it does not hold the claim back.
    claim = await transitionClaim(db, world.reviewer, claim.id, { action: "send_to_review", version: claim.version, grade: "single_source", rationale: "One account." });
    claim = await transitionClaim(db, world.editor, claim.id, { action: "publish", version: claim.version });
    const entry = await getPublicEntry(db, claim.publicSlug!);
    expect(entry.evidence).toMatchObject({ items: 1 });
    expect(entry.origins).toMatchObject({ count: 1, supporting: 1 });
    expect(entry.evidence!.hashes.map(fingerprintHash)).toEqual([kept.sha256]);

    // Published, an item may still be withdrawn, as material for a correction: the public entry
    // changes only when another editor publishes one. Retracted, nothing is taken any more.
    const late = await withdrawEvidence(db, world.editor, kept.id, { reason: "Found to be staged.", version: (await getEvidence(db, world.editor, kept.id)).version });
    expect(late.status).toBe("withdrawn");
    expect((await getPublicEntry(db, claim.publicSlug!)).evidence!.hashes.map(fingerprintHash)).toEqual([kept.sha256]);
    claim = await transitionClaim(db, world.editor, claim.id, { action: "retract", version: claim.version, reason: "Staged." });
    const closed = await rejection(withdrawEvidence(db, world.editor, kept.id, { reason: "Too late.", version: late.version }));
    expect([closed.code, closed.details.guard]).toEqual(["INVALID_STATE", "state"]);
  });

  it("an assessment of a withdrawn item does not let a claim go to review", async () => {
    const { db } = world;
    const claim = await acceptedClaim();
    const only = await attachAssessedItem(db, world.reviewer, claim.id);
    await withdrawEvidence(db, world.reviewer, only.id, { reason: "Fabricated.", version: (await getEvidence(db, world.reviewer, only.id)).version });
    const error = await rejection(transitionClaim(db, world.reviewer, claim.id, { action: "send_to_review", version: claim.version, grade: "probable", rationale: "x" }));
    expect(error.details.guard).toBe("assessment");
  });

  it("a submitter withdraws only their own item, while the claim is in triage", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const theirs = await upload(claim.id, world.reviewer);
    const mine = await upload(claim.id, world.submitter);
    expect((await rejection(withdrawEvidence(db, world.submitter, theirs.id, { reason: "Not mine.", version: theirs.version }))).code).toBe("FORBIDDEN");
    const withdrawn = await withdrawEvidence(db, world.submitter, mine.id, { reason: "Uploaded the wrong file.", version: mine.version });
    expect(withdrawn.status).toBe("withdrawn");

    // A capture withdrawn while still queued is not fetched.
    const queued = await requestPageCapture(db, world.submitter, claim.id, { url: `${world.base}/report` });
    const gone = await withdrawEvidence(db, world.submitter, queued.id, { reason: "Wrong address.", version: queued.version });
    expect(gone).toMatchObject({ status: "withdrawn", processing: { capture: "skipped" } });
    await drainJobs(db, EVIDENCE_JOB_HANDLERS);
    expect(await getEvidence(db, world.submitter, queued.id)).toMatchObject({ status: "withdrawn", sha256: null });
    const retried = await rejection(retryCapture(db, world.submitter, queued.id));
    expect(retried.details.guard).toBe("capture_status");

    // Withdrawn while its page was being fetched: the answer that comes after stores nothing on it.
    const fetching = await requestPageCapture(db, world.submitter, claim.id, { url: `${world.base}/while-fetched` });
    world.duringFetch(async () => {
      await withdrawEvidence(db, world.submitter, fetching.id, { reason: "Wrong address.", version: (await getEvidence(db, world.submitter, fetching.id)).version });
    });
    await drainJobs(db, EVIDENCE_JOB_HANDLERS);
    expect(await getEvidence(db, world.submitter, fetching.id)).toMatchObject({ status: "withdrawn", sha256: null, processing: { capture: "skipped" } });
    const trail = await listAuditEvents(db, world.reviewer, { entity: `evidence:${fetching.id}` });
    expect(trail.items.map((e) => e.type)).not.toContain("evidence.captured");
  });
});
