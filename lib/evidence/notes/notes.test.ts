import fs from "node:fs";
import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/connect";
import { evidenceNotes } from "@/db/schema";
import { listAuditEvents, listClaimTimeline } from "@/lib/audit/list-events";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { drainJobs } from "@/lib/jobs/worker";
import { rowCount } from "@/lib/test/counts";
import { END_SLACK_MS } from "./scope";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { submitSample } from "@/lib/test/fixtures";
import { makeVideo } from "@/lib/test/media";
import { claimInState } from "@/lib/test/states";
import { useTestWorld } from "@/lib/test/world";
import type { Actor } from "@/lib/auth/permissions";
import { addEvidenceFromStream } from "../add-evidence";
import { JOBS_WITHOUT_COPIES } from "@/lib/test/evidence-jobs";
import { withdrawEvidence } from "../withdraw-evidence";
import { addEvidenceNote, deleteEvidenceNote, editEvidenceNote, listEvidenceNotes } from ".";
import { EVIDENCE_NOTE_MAX } from "./schemas";

const noteCount = (db: Db) => rowCount(db, "evidence_notes");
const auditCount = (db: Db) => rowCount(db, "audit_events");

describe.each(TEST_DRIVERS)("time-coded notes on %s", (driver) => {
  const world = useTestWorld(driver, {
    actors: { submitter: "submitter", otherSubmitter: "submitter", reviewer: "reviewer", secondReviewer: "reviewer", editor: "editor", admin: "admin" },
    setup: async ({ db, submitter, reviewer }) => {
      const claim = await submitSample(db, submitter);
      // A 3-second clip: its metadata (read by the job) gives the length notes are held within.
      const video = await addEvidenceFromStream(db, reviewer, claim.id, {
        stream: fs.createReadStream(makeVideo("notes.mp4", { seconds: 3, size: "320x240" })),
        filename: "notes.mp4",
        intake: "upload",
      });
      const text = await addEvidenceFromStream(db, reviewer, claim.id, { stream: Readable.from([Buffer.from("A statement.\n")]), filename: "s.txt", intake: "upload" });
      await drainJobs(db, JOBS_WITHOUT_COPIES);
      return { claimId: claim.id, videoId: video.id, textId: text.id };
    },
  });
  const db = () => world.db;
  const eventsOf = async (evidenceId: string, actor: Actor = world.reviewer) =>
    (await listAuditEvents(db(), actor, { entity: `evidence:${evidenceId}`, limit: 100 })).items.filter((e) => e.type.startsWith("evidence.note_"));

  it("marks moments and spans, listed by their moment for those who read notes, each audited with its text", async () => {
    const span = await addEvidenceNote(db(), world.reviewer, world.videoId, { startMs: 1200, endMs: 2500, body: "  The sign on the wall reads “Bakery”.  " });
    const moment = await addEvidenceNote(db(), world.editor, world.videoId, { startMs: "400", body: "A uniform patch." });
    expect(span).toMatchObject({
      evidenceId: world.videoId,
      startMs: 1200,
      endMs: 2500,
      body: "The sign on the wall reads “Bakery”.",
      author: { id: world.reviewer.id, name: world.reviewer.name },
      editedAt: null,
      version: 1,
      mayEdit: true,
      mayDelete: true,
    });
    expect(moment).toMatchObject({ startMs: 400, endMs: null, author: { id: world.editor.id } });

    const asReviewer = await listEvidenceNotes(db(), world.reviewer, world.videoId);
    expect(asReviewer.filter((n) => [span.id, moment.id].includes(n.id)).map((n) => [n.id, n.mayEdit, n.mayDelete])).toEqual([
      [moment.id, false, false],
      [span.id, true, true],
    ]);
    // An editor moderates: deletes anyone's, rewrites only their own.
    const asEditor = await listEvidenceNotes(db(), world.editor, world.videoId);
    expect(asEditor.filter((n) => [span.id, moment.id].includes(n.id)).map((n) => [n.id, n.mayEdit, n.mayDelete])).toEqual([
      [moment.id, true, true],
      [span.id, false, true],
    ]);
    expect(asReviewer.map((n) => n.startMs)).toEqual([...asReviewer.map((n) => n.startMs)].sort((a, b) => a - b));

    const events = await eventsOf(world.videoId);
    const added = events.find((e) => (e.data as { noteId: string }).noteId === span.id);
    expect(added?.type).toBe("evidence.note_added");
    expect(added?.actor?.id).toBe(world.reviewer.id);
    expect(added?.data).toEqual({ noteId: span.id, claimId: world.claimId, startMs: 1200, endMs: 2500, body: "The sign on the wall reads “Bakery”." });

    // Internal to the reviewing team: the submitter may not read them, another submitter cannot find the item.
    expect((await rejection(listEvidenceNotes(db(), world.submitter, world.videoId))).code).toBe("FORBIDDEN");
    expect((await rejection(listEvidenceNotes(db(), world.admin, world.videoId))).code).toBe("FORBIDDEN");
    expect((await rejection(listEvidenceNotes(db(), world.otherSubmitter, world.videoId))).code).toBe("NOT_FOUND");
    expect((await rejection(listEvidenceNotes(db(), null, world.videoId))).code).toBe("UNAUTHORIZED");
    // Not a timed item: none.
    expect(await listEvidenceNotes(db(), world.reviewer, world.textId)).toEqual([]);
  });

  it("refuses those who may not write, bad times and text, items that are not video or audio, writing nothing", async () => {
    const before = [await noteCount(db()), await auditCount(db())];
    const ok = { startMs: 100, body: "A minaret on the skyline." };
    expect((await rejection(addEvidenceNote(db(), world.submitter, world.videoId, ok))).code).toBe("FORBIDDEN");
    expect((await rejection(addEvidenceNote(db(), world.admin, world.videoId, ok))).code).toBe("FORBIDDEN");
    expect((await rejection(addEvidenceNote(db(), world.otherSubmitter, world.videoId, ok))).code).toBe("NOT_FOUND");
    expect((await rejection(addEvidenceNote(db(), world.reviewer, "not-a-uuid", ok))).code).toBe("NOT_FOUND");
    for (const [input, field] of [
      [{ startMs: -1, body: "x" }, "startMs"],
      [{ startMs: 1.5, body: "x" }, "startMs"],
      [{ startMs: "soon", body: "x" }, "startMs"],
      [{ startMs: true, body: "x" }, "startMs"],
      [{ startMs: 2000, endMs: 1000, body: "x" }, "endMs"],
      [{ startMs: 0, body: "   " }, "body"],
      [{ startMs: 0, body: "x".repeat(EVIDENCE_NOTE_MAX + 1) }, "body"],
      [{ startMs: 0, body: "nul \u0000" }, "body"],
      [{ startMs: 0, body: "x", authorId: world.editor.id }, "authorId"],
      [{ startMs: 0, body: "x", endMs: 999_999_999 }, "endMs"],
      // Past the clip's 3 seconds, which its metadata gives.
      [{ startMs: 3500, body: "x" }, "startMs"],
      [{ startMs: 100, endMs: 4000, body: "x" }, "endMs"],
    ] as const) {
      const error = await rejection(addEvidenceNote(db(), world.reviewer, world.videoId, input));
      expect(error.code, JSON.stringify(input)).toBe("BAD_REQUEST");
      expect(Object.keys(error.details?.fieldErrors ?? {}), JSON.stringify(input)).toEqual([field]);
    }
    const notTimed = await rejection(addEvidenceNote(db(), world.reviewer, world.textId, ok));
    expect([notTimed.code, notTimed.details?.guard]).toEqual(["INVALID_STATE", "media"]);
    expect([await noteCount(db()), await auditCount(db())]).toEqual(before);
    // Its end exactly at the clip's end is within it, and so is the moment a player stops at, a
    // re-encoded packet past the container's length (END_SLACK_MS).
    expect((await addEvidenceNote(db(), world.reviewer, world.videoId, { startMs: 0, endMs: 3000, body: "The whole clip." })).endMs).toBe(3000);
    expect((await addEvidenceNote(db(), world.reviewer, world.videoId, { startMs: 3000 + END_SLACK_MS, body: "Where the player stopped." })).startMs).toBe(3250);
  });

  it("lets the author rewrite and move a note on the version read, keeping the earlier values in the log", async () => {
    const note = await addEvidenceNote(db(), world.reviewer, world.videoId, { startMs: 500, endMs: 900, body: "Two men, one armed." });
    expect((await rejection(editEvidenceNote(db(), world.secondReviewer, note.id, { body: "Not mine.", version: 1 }))).code).toBe("FORBIDDEN");
    expect((await rejection(editEvidenceNote(db(), world.editor, note.id, { body: "Not mine either.", version: 1 }))).code).toBe("FORBIDDEN");
    expect((await rejection(editEvidenceNote(db(), world.submitter, note.id, { body: "Hidden.", version: 1 }))).code).toBe("FORBIDDEN");
    expect((await rejection(editEvidenceNote(db(), world.otherSubmitter, note.id, { body: "Hidden.", version: 1 }))).code).toBe("NOT_FOUND");
    expect((await rejection(editEvidenceNote(db(), world.reviewer, note.id, { body: "Stale.", version: 3 }))).code).toBe("CONFLICT");
    const backwards = await rejection(editEvidenceNote(db(), world.reviewer, note.id, { startMs: 1000, version: 1 }));
    expect([backwards.code, Object.keys(backwards.details?.fieldErrors ?? {})]).toEqual(["BAD_REQUEST", ["endMs"]]);

    const edited = await editEvidenceNote(db(), world.reviewer, note.id, { body: "Two men, both armed.", startMs: 600, endMs: null, version: "1" });
    expect(edited).toMatchObject({ body: "Two men, both armed.", startMs: 600, endMs: null, version: 2 });
    expect(edited.editedAt).not.toBeNull();
    const [event] = (await eventsOf(world.videoId)).filter((e) => e.type === "evidence.note_edited" && (e.data as { noteId: string }).noteId === note.id);
    expect(event.data).toEqual({
      noteId: note.id,
      claimId: world.claimId,
      version: 2,
      changes: { body: { before: "Two men, one armed.", after: "Two men, both armed." }, startMs: { before: 500, after: 600 }, endMs: { before: 900, after: null } },
    });
    // The same again is no change: no version, no event.
    const audit = await auditCount(db());
    expect((await editEvidenceNote(db(), world.reviewer, note.id, { body: "Two men, both armed.", version: 2 })).version).toBe(2);
    expect(await auditCount(db())).toBe(audit);
    expect((await rejection(editEvidenceNote(db(), world.reviewer, note.id, { body: "Old.", version: 1 }))).code).toBe("CONFLICT");
  });

  it("deletes one's own or, as an editor, anyone's: gone from the list, its text only in the log", async () => {
    const mine = await addEvidenceNote(db(), world.reviewer, world.videoId, { startMs: 10, body: "Posted on the wrong clip." });
    const theirs = await addEvidenceNote(db(), world.secondReviewer, world.videoId, { startMs: 20, body: "Names a contact: Q-7." });
    expect((await rejection(deleteEvidenceNote(db(), world.reviewer, theirs.id, { version: 1 }))).code).toBe("FORBIDDEN");
    expect((await rejection(deleteEvidenceNote(db(), world.submitter, theirs.id, { version: 1 }))).code).toBe("FORBIDDEN");
    expect((await rejection(deleteEvidenceNote(db(), world.reviewer, mine.id, { version: 2 }))).code).toBe("CONFLICT");
    expect((await rejection(deleteEvidenceNote(db(), world.reviewer, mine.id, {}))).code).toBe("BAD_REQUEST");

    await deleteEvidenceNote(db(), world.reviewer, mine.id, { version: 1 });
    await deleteEvidenceNote(db(), world.editor, theirs.id, { version: "1" });
    const listed = (await listEvidenceNotes(db(), world.editor, world.videoId)).map((n) => n.id);
    expect(listed).not.toContain(mine.id);
    expect(listed).not.toContain(theirs.id);
    const [row] = await db().select({ body: evidenceNotes.body, deletedById: evidenceNotes.deletedById, version: evidenceNotes.version }).from(evidenceNotes).where(eq(evidenceNotes.id, theirs.id));
    expect(row).toEqual({ body: "", deletedById: world.editor.id, version: 2 });
    const deleted = (await eventsOf(world.videoId)).filter((e) => e.type === "evidence.note_deleted").map((e) => [e.actor?.id, e.data]);
    expect(deleted).toEqual(
      expect.arrayContaining([
        [world.reviewer.id, { noteId: mine.id, claimId: world.claimId, body: "Posted on the wrong clip." }],
        [world.editor.id, { noteId: theirs.id, claimId: world.claimId, body: "Names a contact: Q-7." }],
      ]),
    );
    const again = await rejection(deleteEvidenceNote(db(), world.editor, mine.id, { version: 2 }));
    expect([again.code, again.details?.guard]).toEqual(["INVALID_STATE", "deleted"]);
    expect((await rejection(editEvidenceNote(db(), world.reviewer, mine.id, { body: "Back.", version: 2 }))).details?.guard).toBe("deleted");
    expect((await verifyAuditChain(db(), world.reviewer)).ok).toBe(true);
  });

  it("keeps note texts from the claim's submitter, who reads the item's custody trail and the claim's timeline", async () => {
    const secret = "Informant Q-9 filmed this from the mosque roof.";
    const note = await addEvidenceNote(db(), world.reviewer, world.videoId, { startMs: 700, body: secret });
    const edited = await editEvidenceNote(db(), world.reviewer, note.id, { body: `${secret} Confirmed.`, version: 1 });
    await deleteEvidenceNote(db(), world.reviewer, note.id, { version: edited.version });
    const texts = (events: { type: string; data: unknown }[]) => events.filter((e) => e.type.startsWith("evidence.note_")).map((e) => JSON.stringify(e.data));
    const submitterReads = [
      ...texts((await listAuditEvents(db(), world.submitter, { entity: `evidence:${world.videoId}`, limit: 100 })).items),
      ...texts((await listClaimTimeline(db(), world.submitter, world.claimId)).items),
    ];
    expect(submitterReads.filter((d) => d.includes(note.id))).toHaveLength(6);
    for (const data of submitterReads) {
      expect(data).not.toContain("Q-9");
      expect(data).toContain('"withheld":["body"]');
    }
    // The moment stays: the submitter's trail says a note was made, and where.
    expect(submitterReads.some((d) => d.includes(note.id) && d.includes('"startMs":700'))).toBe(true);
    const reviewerReads = texts((await listClaimTimeline(db(), world.reviewer, world.claimId)).items).join("\n");
    expect(reviewerReads).toContain(secret);
    expect(reviewerReads).toContain(`${secret} Confirmed.`);
  });

  it("takes no new notes on a withdrawn item or a closed claim; existing ones may still be rewritten", async () => {
    const closed = await claimInState(db(), { submitter: world.submitter, reviewer: world.reviewer, editor: world.editor }, "triage");
    const video = await addEvidenceFromStream(db(), world.reviewer, closed.id, {
      stream: fs.createReadStream(makeVideo("closing.mp4", { seconds: 2, size: "160x120" })),
      filename: "closing.mp4",
      intake: "upload",
    });
    const kept = await addEvidenceNote(db(), world.reviewer, video.id, { startMs: 0, body: "Before the claim was rejected." });
    const { transitionClaim } = await import("@/lib/workflow/transition-claim");
    await transitionClaim(db(), world.reviewer, closed.id, { action: "reject", reason: "Out of scope.", version: closed.version });
    const refused = await rejection(addEvidenceNote(db(), world.reviewer, video.id, { startMs: 0, body: "After." }));
    expect([refused.code, refused.details?.guard]).toEqual(["INVALID_STATE", "state"]);
    expect((await editEvidenceNote(db(), world.reviewer, kept.id, { body: "Rewritten after.", version: 1 })).body).toBe("Rewritten after.");

    const open = await submitSample(db(), world.submitter);
    const other = await addEvidenceFromStream(db(), world.reviewer, open.id, {
      stream: fs.createReadStream(makeVideo("withdrawn.mp4", { seconds: 2, size: "160x120" })),
      filename: "withdrawn.mp4",
      intake: "upload",
    });
    await withdrawEvidence(db(), world.reviewer, other.id, { reason: "Wrong claim.", version: other.version });
    const gone = await rejection(addEvidenceNote(db(), world.reviewer, other.id, { startMs: 0, body: "On a withdrawn item." }));
    expect([gone.code, gone.details?.guard]).toEqual(["INVALID_STATE", "evidence_status"]);
    await drainJobs(db(), JOBS_WITHOUT_COPIES);
  });
});
