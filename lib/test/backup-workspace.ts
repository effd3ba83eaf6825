import { Readable } from "node:stream";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { evidence, jobs, personNames, recoveryCodes, timeStamps, twoFactorPolicy, users, webauthnCredentials } from "@/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@/lib/demo/seed";
import { createApiToken } from "@/lib/auth/api-tokens";
import { authenticateCredentials } from "@/lib/auth/authenticate";
import { issueLink } from "@/lib/auth/one-time-links";
import { keyedHash } from "@/lib/auth/secret-box";
import { queueMail } from "@/lib/mail/outbox";
import { type Actor, SYSTEM_ACTOR } from "@/lib/auth/permissions";
import { submitClaim } from "@/lib/claims/submit-claim";
import { createComment } from "@/lib/comments/create-comment";
import { deleteComment } from "@/lib/comments/delete-comment";
import { editComment } from "@/lib/comments/edit-comment";
import { addEvidenceFromStream } from "@/lib/evidence/add-evidence";
import { addEvidenceNote } from "@/lib/evidence/notes";
import { recordView } from "@/lib/evidence/record-view";
import { EVIDENCE_JOB_HANDLERS } from "@/lib/evidence/derive/handlers";
import { drainJobs } from "@/lib/jobs/worker";
import { mergePerson } from "@/lib/persons/merge-person";
import { fanOutNotifications } from "@/lib/notifications/fan-out";
import { setNotificationPreferences } from "@/lib/notifications/preferences";
import { setWatching } from "@/lib/notifications/watch";
import { createSource } from "@/lib/sources/create-source";
import { makeImage, makeWav } from "@/lib/test/media";
import { createView } from "@/lib/views/create-view";
import { transitionClaim } from "@/lib/workflow/transition-claim";

async function actorOf(db: Db, email: string): Promise<Actor> {
  const [user] = await db.select({ id: users.id, role: users.role, name: users.name }).from(users).where(eq(users.email, email));
  return user;
}

/** Text no JSON line may break: quotes, backslashes, newlines, line separators, RTL and emoji. */
export const AWKWARD_TEXT = 'Line one\nLine two "quoted" \\ back\\slash\ttab \u2028 — يوسف \u202e reversed 🙂 \u200b end';

/**
 * A workspace with something in every table: the demo (users, claims in every state, text
 * evidence with sources and assessments, persons in two scripts, figures, a publication), plus an
 * image with its thumbnail and perceptual-hash bands (64-bit integers), a duplicate claim, an
 * affiliated source and a merged person (rows pointing at rows of their own table), an API token,
 * a failed sign-in, a session, a claim with awkward text and its discussion, and a row in each of the accounts' tables.
 */
export async function buildWorkspace(db: Db, seed: number): Promise<void> {
  await seedDemo(db, { log: false });
  const submitter = await actorOf(db, "submitter@demo.test");
  const reviewer = await actorOf(db, "reviewer@demo.test");

  const awkward = await submitClaim(db, submitter, {
    kind: "statement",
    title: `A statement with awkward text ${seed}`,
    summary: AWKWARD_TEXT,
    language: "ar",
    placeName: "Jableh",
  });
  const accepted = await transitionClaim(db, reviewer, awkward.id, { action: "accept", version: awkward.version });
  await addEvidenceFromStream(db, submitter, awkward.id, {
    stream: Readable.from([await makeImage(seed)]),
    filename: "scene \"1\".jpg",
    intake: "upload",
  });
  // A recording with a time-coded note: notes are on video and audio items only.
  const recording = await addEvidenceFromStream(db, submitter, awkward.id, { stream: Readable.from([makeWav(1, seed)]), filename: "call.wav", intake: "upload" });
  await drainJobs(db, EVIDENCE_JOB_HANDLERS);
  await addEvidenceNote(db, reviewer, recording.id, { startMs: 250, endMs: 750, body: `${AWKWARD_TEXT} at 0:00.25` });

  // The discussion: a comment naming someone (a jsonb list of ids), one on the item, one rewritten, one deleted by an editor.
  const editor = await actorOf(db, "editor@demo.test");
  const [item] = await db.select({ id: evidence.id, sha256: evidence.blobSha256 }).from(evidence).where(and(eq(evidence.claimId, awkward.id), eq(evidence.mediaType, "image/jpeg")));
  // A ranged read of the photo, as a player's or a resumed download's: a view in the custody trail.
  await recordView(db, reviewer, { evidenceId: item.id, sha256: item.sha256!, copy: "original", via: "web" });
  await createComment(db, reviewer, awkward.id, { body: `@${submitter.name} ${AWKWARD_TEXT}` });
  await createComment(db, submitter, awkward.id, { body: "On the photo: the street sign is legible.", evidenceId: item.id });
  const rewritten = await createComment(db, reviewer, awkward.id, { body: "First thought." });
  await editComment(db, reviewer, rewritten.id, { body: "Second thought.", version: rewritten.version });
  const deleted = await createComment(db, submitter, awkward.id, { body: "Posted on the wrong claim." });
  await deleteComment(db, editor, deleted.id, { reason: "Off-topic." });

  const twin = await submitClaim(db, submitter, { kind: "report", title: "The same statement again", summary: "Reported twice.", language: "en" });
  await transitionClaim(db, reviewer, twin.id, { action: "duplicate", version: twin.version, targetId: accepted.id });

  const parent = await createSource(db, reviewer, { name: "Broadcaster group", kind: "organisation", reliability: "B" });
  await createSource(db, reviewer, {
    name: "Broadcaster's regional channel",
    kind: "channel",
    reliability: "C",
    handles: ["@regional", "قناة \"الساحل\""],
    affiliatedWithId: parent.id,
  });

  // The demo leaves two spellings of one victim as two persons: merge them.
  const names = await db
    .select({ personId: personNames.personId, name: personNames.name })
    .from(personNames)
    .where(inArray(personNames.name, ["Youssef Waheed Methal", "Yusuf Wahid Mithal"]));
  const from = names.find((n) => n.name === "Youssef Waheed Methal")!.personId;
  const into = names.find((n) => n.name === "Yusuf Wahid Mithal")!.personId;
  await mergePerson(db, reviewer, from, { intoId: into, reason: "Same man, another spelling." });

  // A saved view of the queue, shared, whose filters (JSON) hold quotes and Arabic.
  await createView(db, reviewer, { name: `Spam sweep "${seed}" — يوسف`, filters: { state: "triage", q: 'advert "copied" \\ back', order: "waiting" }, shared: true });

  await createApiToken(db, SYSTEM_ACTOR, { email: "admin@demo.test", label: "backup test" });
  // A json(b) value that is JSON null, not SQL NULL (a job no worker will pick up: it is done).
  await db.insert(jobs).values({ kind: "backup-test", payload: sql`'null'::jsonb`, state: "done" });
  // A wrong password leaves a rate-limit row and an audit event with a null actor; the right one a session.
  await authenticateCredentials(db, { email: "editor@demo.test", password: "not the password", address: "192.0.2.1" });
  await authenticateCredentials(db, { email: "reviewer@demo.test", password: DEMO_PASSWORD, address: "192.0.2.2", userAgent: AWKWARD_TEXT });
  // The accounts' tables: a reset link and its mail, a recovery code, a passkey, the two-factor policy.
  await db.transaction(async (tx) => {
    const link = await issueLink(tx, reviewer.id, "password_reset", null);
    await queueMail(tx, "reviewer@demo.test", { kind: "passwordReset", link: `http://localhost${link.path}`, expiresAt: link.expiresAt }, "ar");
    await tx.insert(recoveryCodes).values({ userId: reviewer.id, codeHash: keyedHash("recovery-code", `backup-${seed}`) });
    await tx.insert(webauthnCredentials).values({ userId: reviewer.id, credentialId: `credential-${seed}`, publicKey: "pQECAyYgASFYIA", counter: 2 ** 40, transports: "usb,nfc", name: AWKWARD_TEXT });
    await tx.insert(twoFactorPolicy).values({ role: "submitter", required: false });
  });
  // Notifications (issue 20): a choice, a watch, and the fan-out of everything above (watches, notifications, their mail).
  await setNotificationPreferences(db, reviewer, { reminder: "off", mentioned: "digest" });
  await setWatching(db, reviewer, twin.id, true);
  await fanOutNotifications(db);
  // A time-stamp token as stored (binary, every byte value once: the backup must carry bytea whole).
  await db.insert(timeStamps).values({
    subjectType: "chain",
    imprint: "ab".repeat(32),
    seq: 1,
    tsaUrl: "http://tsa.example/",
    token: Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 7 + seed) % 256)),
    genTime: new Date(Date.UTC(2026, 11, 3, 14, 5, 0, seed % 1000)),
    serial: `0x${seed.toString(16)}`,
  });
}
