import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/connect";
import { listAuditEvents, listClaimTimeline } from "@/lib/audit/list-events";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { addEvidenceFromStream } from "@/lib/evidence/add-evidence";
import { rowCount } from "@/lib/test/counts";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { makeActor, submitSample } from "@/lib/test/fixtures";
import { claimInState } from "@/lib/test/states";
import { useTestWorld } from "@/lib/test/world";
import { changeUser } from "@/lib/users/update-user";
import { COMMENT_MAX } from "@/lib/vocabulary";
import { createComment } from "./create-comment";
import { deleteComment } from "./delete-comment";
import { editComment } from "./edit-comment";
import { listComments } from "./list-comments";
import { listMentionCandidates } from "./mentions";

const commentCount = (db: Db) => rowCount(db, "comments");
const auditCount = (db: Db) => rowCount(db, "audit_events");

describe.each(TEST_DRIVERS)("comments on %s", (driver) => {
  const world = useTestWorld(driver, {
    actors: {
      submitter: "submitter",
      otherSubmitter: "submitter",
      reviewer: "reviewer",
      secondReviewer: "reviewer",
      editor: "editor",
      admin: "admin",
      leaver: "reviewer",
    },
    setup: async ({ db, admin, leaver }) => {
      await changeUser(db, admin, leaver.id, { active: false });
      return {};
    },
  });

  const eventsOf = async (claimId: string, type: string) =>
    (await listAuditEvents(db(), world.reviewer, { entity: `claim:${claimId}`, limit: 100 })).items.filter((e) => e.type === type);
  const db = () => world.db;

  it("writes a comment on a claim, recording only the mentions of people who can see it, audited and listed with their names", async () => {
    const claim = await submitSample(db(), world.submitter);
    const body = `@${world.submitter.name} where was this filmed? @${world.editor.name} @${world.otherSubmitter.name} @${world.admin.name} @${world.leaver.name} see https://example.org/x`;
    const comment = await createComment(db(), world.reviewer, claim.id, { body });
    expect(comment).toMatchObject({
      claimId: claim.id,
      evidenceId: null,
      author: { id: world.reviewer.id, name: world.reviewer.name },
      body,
      version: 1,
      editedAt: null,
      deleted: null,
    });
    expect(comment.mentions).toEqual([
      { id: world.submitter.id, name: world.submitter.name },
      { id: world.editor.id, name: world.editor.name },
    ]);
    const [event] = await eventsOf(claim.id, "comment.created");
    expect(event.actor?.id).toBe(world.reviewer.id);
    expect(event.data).toEqual({ commentId: comment.id, body, mentions: [world.submitter.id, world.editor.id] });

    // The submitter reads the discussion of their claim; another submitter cannot even find it.
    expect((await listComments(db(), world.submitter, claim.id, {})).items.map((c) => c.id)).toEqual([comment.id]);
    expect((await listComments(db(), world.admin, claim.id, {})).items.map((c) => c.body)).toEqual([body]);
    expect((await rejection(listComments(db(), world.otherSubmitter, claim.id, {}))).code).toBe("NOT_FOUND");
  });

  it("a submitter mentioned on another submitter's claim is not offered and not recorded as mentioned", async () => {
    const claim = await submitSample(db(), world.submitter);
    const offered = (await listMentionCandidates(db(), world.reviewer, claim.id, {})).items.map((p) => p.id);
    expect(offered).toContain(world.submitter.id);
    expect(offered).toContain(world.editor.id);
    expect(offered).toContain(world.secondReviewer.id);
    // Nobody who cannot see the claim, no admin, nobody inactive, and not the writer.
    for (const absent of [world.otherSubmitter, world.admin, world.leaver, world.reviewer]) expect(offered).not.toContain(absent.id);
    // Asked for by name, they are still not there.
    expect((await listMentionCandidates(db(), world.reviewer, claim.id, { q: world.otherSubmitter.name })).items).toEqual([]);
    expect((await listMentionCandidates(db(), world.reviewer, claim.id, { q: world.editor.name })).items).toEqual([
      { id: world.editor.id, name: world.editor.name, role: "editor" },
    ]);

    const comment = await createComment(db(), world.reviewer, claim.id, { body: `@${world.otherSubmitter.name} do you know more?` });
    expect(comment.mentions).toEqual([]);
    const [event] = (await eventsOf(claim.id, "comment.created")).filter((e) => (e.data as { commentId: string }).commentId === comment.id);
    expect(event.data).toMatchObject({ mentions: [] });

    // On their own claim, the submitter is offered, and may mention the reviewers but not the other submitter.
    const theirs = await submitSample(db(), world.otherSubmitter);
    expect((await listMentionCandidates(db(), world.reviewer, theirs.id, {})).items.map((p) => p.id)).toContain(world.otherSubmitter.id);
    const own = await createComment(db(), world.otherSubmitter, theirs.id, { body: `@${world.submitter.name} @${world.reviewer.name}` });
    expect(own.mentions.map((m) => m.id)).toEqual([world.reviewer.id]);
    // Admins take no part: they are refused the list, as they are refused writing.
    expect((await rejection(listMentionCandidates(db(), world.admin, claim.id, {}))).code).toBe("FORBIDDEN");
    expect((await rejection(listMentionCandidates(db(), world.otherSubmitter, claim.id, {}))).code).toBe("NOT_FOUND");
  });

  it("refuses the people who may not write, and bad text, writing nothing", async () => {
    const claim = await submitSample(db(), world.submitter);
    const [commentsBefore, auditBefore] = [await commentCount(db()), await auditCount(db())];
    expect((await rejection(createComment(db(), world.admin, claim.id, { body: "An admin's view." }))).code).toBe("FORBIDDEN");
    expect((await rejection(createComment(db(), world.otherSubmitter, claim.id, { body: "Not mine." }))).code).toBe("NOT_FOUND");
    expect((await rejection(createComment(db(), null, claim.id, { body: "Nobody." }))).code).toBe("UNAUTHORIZED");
    for (const [input, field] of [
      [{ body: "   " }, "body"],
      [{ body: "x".repeat(COMMENT_MAX + 1) }, "body"],
      [{ body: "nul \u0000" }, "body"],
      [{ body: "ok", mentions: ["x"] }, "mentions"],
      [{ body: "ok", evidenceId: "item" }, "evidenceId"],
    ] as const) {
      const error = await rejection(createComment(db(), world.reviewer, claim.id, input));
      expect(error.code).toBe("BAD_REQUEST");
      expect(Object.keys(error.details?.fieldErrors ?? {})).toEqual([field]);
    }
    expect([await commentCount(db()), await auditCount(db())]).toEqual([commentsBefore, auditBefore]);
  });

  it("keeps an item's thread: on the item, within the claim's discussion, never on another claim's item", async () => {
    const claim = await submitSample(db(), world.submitter);
    const other = await submitSample(db(), world.submitter);
    const add = (claimId: string) =>
      addEvidenceFromStream(db(), world.reviewer, claimId, { stream: Readable.from([Buffer.from(`A statement ${Math.random()}\n`)]), intake: "upload" });
    const [item, elsewhere] = [await add(claim.id), await add(other.id)];
    const onClaim = await createComment(db(), world.reviewer, claim.id, { body: "On the claim." });
    const onItem = await createComment(db(), world.submitter, claim.id, { body: "On the item.", evidenceId: item.id });
    expect(onItem.evidenceId).toBe(item.id);
    expect((await listComments(db(), world.reviewer, claim.id, { evidenceId: item.id })).items.map((c) => c.id)).toEqual([onItem.id]);
    expect((await listComments(db(), world.reviewer, claim.id, {})).items.map((c) => c.id)).toEqual([onClaim.id, onItem.id]);
    const [event] = (await eventsOf(claim.id, "comment.created")).filter((e) => (e.data as { commentId: string }).commentId === onItem.id);
    expect(event.data).toMatchObject({ evidenceId: item.id });

    for (const call of [
      createComment(db(), world.reviewer, claim.id, { body: "Wrong item.", evidenceId: elsewhere.id }),
      listComments(db(), world.reviewer, claim.id, { evidenceId: elsewhere.id }),
    ]) {
      const error = await rejection(call);
      expect(error.code).toBe("BAD_REQUEST");
      expect(Object.keys(error.details?.fieldErrors ?? {})).toEqual(["evidenceId"]);
    }
  });

  it("lets the author edit with the version read, keeping the earlier text in the log and naming only the newly mentioned", async () => {
    const claim = await submitSample(db(), world.submitter);
    const first = `@${world.editor.name} first thoughts`;
    const comment = await createComment(db(), world.reviewer, claim.id, { body: first });
    const second = `@${world.editor.name} second thoughts, @${world.submitter.name} too`;

    expect((await rejection(editComment(db(), world.secondReviewer, comment.id, { body: "Not mine.", version: 1 }))).code).toBe("FORBIDDEN");
    expect((await rejection(editComment(db(), world.editor, comment.id, { body: "Not mine either.", version: 1 }))).code).toBe("FORBIDDEN");
    expect((await rejection(editComment(db(), world.otherSubmitter, comment.id, { body: "Hidden.", version: 1 }))).code).toBe("NOT_FOUND");
    expect((await rejection(editComment(db(), world.reviewer, comment.id, { body: second, version: 7 }))).code).toBe("CONFLICT");

    const edited = await editComment(db(), world.reviewer, comment.id, { body: second, version: "1" });
    expect(edited).toMatchObject({ body: second, version: 2 });
    expect(edited.editedAt).not.toBeNull();
    expect(edited.mentions.map((m) => m.id)).toEqual([world.editor.id, world.submitter.id]);
    const [event] = await eventsOf(claim.id, "comment.edited");
    expect(event.data).toEqual({ commentId: comment.id, version: 2, changes: { body: { before: first, after: second } }, mentions: [world.submitter.id] });

    // The same text again is no change: no version, no event.
    const auditBefore = await auditCount(db());
    expect((await editComment(db(), world.reviewer, comment.id, { body: second, version: 2 })).version).toBe(2);
    expect(await auditCount(db())).toBe(auditBefore);
    expect((await rejection(editComment(db(), world.reviewer, comment.id, { body: second, version: 1 }))).code).toBe("CONFLICT");
  });

  it("deletes one's own or, as an editor, anyone's, with a reason that stays in the thread; the text stays only in the log", async () => {
    const claim = await claimInState(db(), { submitter: world.submitter, reviewer: world.reviewer, editor: world.editor }, "published");
    const mine = await createComment(db(), world.submitter, claim.id, { body: `Posted by mistake @${world.reviewer.name}` });
    const theirs = await createComment(db(), world.reviewer, claim.id, { body: "Off-topic remark." });

    expect((await rejection(deleteComment(db(), world.secondReviewer, theirs.id, { reason: "Not mine." }))).code).toBe("FORBIDDEN");
    expect((await rejection(deleteComment(db(), world.submitter, theirs.id, { reason: "Not mine." }))).code).toBe("FORBIDDEN");
    expect((await rejection(deleteComment(db(), world.admin, theirs.id, { reason: "Admin." }))).code).toBe("FORBIDDEN");
    expect((await rejection(deleteComment(db(), world.submitter, mine.id, { reason: "  " }))).code).toBe("BAD_REQUEST");
    expect((await rejection(deleteComment(db(), world.submitter, mine.id, { reason: "Stale.", version: 5 }))).code).toBe("CONFLICT");

    const gone = await deleteComment(db(), world.submitter, mine.id, { reason: "Posted by mistake.", version: 1 });
    expect(gone).toMatchObject({ body: "", mentions: [], deleted: { by: { id: world.submitter.id, name: world.submitter.name }, reason: "Posted by mistake." } });
    const moderated = await deleteComment(db(), world.editor, theirs.id, { reason: "Off-topic." });
    expect(moderated.deleted).toMatchObject({ by: { id: world.editor.id }, reason: "Off-topic." });

    const thread = (await listComments(db(), world.submitter, claim.id, {})).items;
    expect(thread.map((c) => [c.id, c.body, c.deleted?.by.name, c.deleted?.reason])).toEqual([
      [mine.id, "", world.submitter.name, "Posted by mistake."],
      [theirs.id, "", world.editor.name, "Off-topic."],
    ]);
    const events = await eventsOf(claim.id, "comment.deleted");
    expect(events.map((e) => [e.actor?.id, e.data])).toEqual([
      [world.submitter.id, { commentId: mine.id, reason: "Posted by mistake.", body: `Posted by mistake @${world.reviewer.name}` }],
      [world.editor.id, { commentId: theirs.id, reason: "Off-topic.", body: "Off-topic remark." }],
    ]);
    expect((await rejection(deleteComment(db(), world.editor, mine.id, { reason: "Again." }))).details?.guard).toBe("deleted");
    expect((await rejection(editComment(db(), world.submitter, mine.id, { body: "Back.", version: 2 }))).details?.guard).toBe("deleted");
    expect((await verifyAuditChain(db(), world.reviewer)).ok).toBe(true);
  });

  it("keeps a deleted or edited-away text from the claim's submitter, who reads the claim's timeline but not the audit log", async () => {
    const claim = await submitSample(db(), world.submitter);
    const comment = await createComment(db(), world.reviewer, claim.id, { body: "The informant is Q-7, met in the mosque." });
    const edited = await editComment(db(), world.reviewer, comment.id, { body: "Met the informant.", version: 1 });
    await deleteComment(db(), world.editor, comment.id, { reason: "Named a contact.", version: edited.version });

    const texts = (events: { type: string; data: unknown }[]) => events.filter((e) => e.type.startsWith("comment.")).map((e) => JSON.stringify(e.data));
    const submitterReads = [
      ...texts((await listAuditEvents(db(), world.submitter, { entity: `claim:${claim.id}`, limit: 100 })).items),
      ...texts((await listClaimTimeline(db(), world.submitter, claim.id)).items),
    ];
    expect(submitterReads).toHaveLength(6);
    for (const data of submitterReads) {
      expect(data).not.toContain("Q-7");
      expect(data).not.toContain("Met the informant");
      expect(data).toContain('"withheld":["body"]');
    }
    // What the thread shows stays in the events: who deleted it and why.
    expect(submitterReads.some((data) => data.includes("Named a contact."))).toBe(true);
    // Those who read the audit log still read every text.
    const reviewerReads = texts((await listClaimTimeline(db(), world.reviewer, claim.id)).items).join("\n");
    expect(reviewerReads).toContain("The informant is Q-7, met in the mosque.");
    expect(reviewerReads).toContain("Met the informant.");
  });

  it("pages a long discussion with keyset cursors, oldest first", async () => {
    const claim = await submitSample(db(), world.submitter);
    const written = [];
    for (let i = 0; i < 5; i++) written.push((await createComment(db(), world.reviewer, claim.id, { body: `Comment ${i}` })).id);
    const first = await listComments(db(), world.reviewer, claim.id, { limit: "3" });
    expect(first.items.map((c) => c.id)).toEqual(written.slice(0, 3));
    const second = await listComments(db(), world.reviewer, claim.id, { limit: "3", cursor: first.nextCursor! });
    expect(second.items.map((c) => c.id)).toEqual(written.slice(3));
    expect(second.nextCursor).toBeNull();
    expect((await rejection(listComments(db(), world.reviewer, claim.id, { cursor: "garbage" }))).code).toBe("BAD_REQUEST");
  });

  it("does not offer someone who became an admin", async () => {
    const claim = await submitSample(db(), world.submitter);
    const promoted = await makeActor(db(), "reviewer");
    await changeUser(db(), world.admin, promoted.id, { role: "admin" });
    const offered = (await listMentionCandidates(db(), world.editor, claim.id, {})).items.map((p) => p.id);
    expect(offered).not.toContain(promoted.id);
    expect(offered).toContain(world.reviewer.id);
  });
});
