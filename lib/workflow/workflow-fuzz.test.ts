import fc from "fast-check";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, claims, publishedEntries } from "@/db/schema";
import { GRADES } from "@/lib/vocabulary";
import { verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import { can } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { rowCount } from "@/lib/test/counts";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { attachAssessedItem, makeActor, submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { actionsFrom, isAllowedFrom, TRANSITION_ACTIONS, TRANSITIONS } from "./machine";
import { transitionClaim } from "./transition-claim";

/**
 * Workflow fuzzing (issue 8): random sequences of actions by random people on a few claims. After
 * every step the invariants hold — a state changes only by an allowed transition of a permitted
 * role, versions strictly increase, a refused step changes nothing and writes no audit event, a
 * done step writes exactly one, nobody publishes what they submitted or sent to review, nor a
 * correction they drafted, and only publishing steps add a public version — and at the
 * end of each sequence the audit chain verifies. Two kinds of sequence, on each database: mostly
 * what the workflow offers, by someone allowed (so sequences reach review and publication); and
 * anything by anyone, often on a stale version (so the guards are what is exercised).
 */
describe.each(TEST_DRIVERS)("workflow fuzzing on %s", (driver) => {
  const world = useTestWorld(driver, {
    setup: async ({ db }) => ({
      cast: [
        await makeActor(db, "submitter"),
        await makeActor(db, "reviewer"),
        await makeActor(db, "reviewer"),
        await makeActor(db, "editor"),
        await makeActor(db, "editor"),
        await makeActor(db, "admin"),
      ],
    }),
  });

  // `wild` below `tameBelow` picks an action the claim's state offers, by someone allowed to take it;
  // otherwise any action by anyone. `staleRoll` 0 sends the version after the current one.
  const stepOf = (tameBelow: number, staleOneIn: number) =>
    fc.record({
      claim: fc.nat({ max: 2 }),
      pick: fc.nat(),
      actorPick: fc.nat(),
      wild: fc.integer({ min: 0, max: 9 }),
      staleRoll: fc.integer({ min: 0, max: staleOneIn - 1 }),
      withReason: fc.boolean(),
      grade: fc.option(fc.constantFrom(...GRADES), { nil: undefined, freq: 5 }),
      tameBelow: fc.constant(tameBelow),
    });
  type Step = ReturnType<typeof stepOf> extends fc.Arbitrary<infer S> ? S : never;

  it.each([
    { kind: "what the workflow offers, by someone allowed", step: stepOf(8, 10), minTransitions: 40 },
    { kind: "anything by anyone, often on a stale version", step: stepOf(2, 3), minTransitions: 5 },
  ])("keeps every invariant over random sequences of actions: $kind", async ({ step, minTransitions }) => {
    const transitionsBefore = await countTransitions();
    const { db } = world;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), async (steps: Step[]) => {
        const submitter = world.cast[0];
        // Three claims; two carry an assessed item, so sending to review can pass its guard.
        const ids: string[] = [];
        for (let i = 0; i < 3; i++) {
          const claim = await submitSample(db, submitter, { title: `Fuzzed claim ${i}` });
          if (i < 2) await attachAssessedItem(db, world.cast[1], claim.id);
          ids.push(claim.id);
        }
        for (const s of steps) {
          const id = ids[s.claim];
          const [before] = await db.select().from(claims).where(eq(claims.id, id));
          const eventsBefore = await rowCount(db, "audit_events");
          const versionsBefore = await publicVersions(id);
          const tame = s.wild < s.tameBelow;
          const available = actionsFrom(before.state);
          const action = tame && available.length ? available[s.pick % available.length] : TRANSITION_ACTIONS[s.pick % TRANSITION_ACTIONS.length];
          const permitted = world.cast.filter((a) => can(a, TRANSITIONS[action].permission));
          const actor = tame && permitted.length ? permitted[s.actorPick % permitted.length] : world.cast[s.actorPick % world.cast.length];
          const stale = s.staleRoll === 0;
          let error: unknown = null;
          try {
            await transitionClaim(db, actor, id, {
              action,
              version: stale ? before.version + 1 : before.version,
              reason: s.withReason ? "A reason given in the fuzz." : undefined,
              targetId: action === "duplicate" ? ids[(s.claim + 1) % 3] : undefined,
              grade: action === "send_to_review" ? s.grade : undefined,
              rationale: action === "send_to_review" && s.grade ? "Rationale." : undefined,
              changes: action === "correct" ? { summary: `Corrected at version ${before.version}.` } : undefined,
            });
          } catch (caught) {
            error = caught;
          }
          const [after] = await db.select().from(claims).where(eq(claims.id, id));
          const eventsAfter = await rowCount(db, "audit_events");
          const versionsAfter = await publicVersions(id);
          if (error) {
            expect(isAppError(error), String(error)).toBe(true);
            expect(after, "a refused step changes nothing").toEqual(before);
            expect(eventsAfter, "a refused step writes no audit event").toBe(eventsBefore);
            expect(versionsAfter, "a refused step publishes nothing").toBe(versionsBefore);
            continue;
          }
          const rule = TRANSITIONS[action];
          expect(isAllowedFrom(action, before.state), `${action} from ${before.state}`).toBe(true);
          expect(can(actor, rule.permission), `${actor.role} may ${action}`).toBe(true);
          expect(stale, "a stale version is refused").toBe(false);
          expect(after.state).toBe(rule.to);
          expect(after.version).toBe(before.version + 1);
          // A retraction that ends a drafted correction records that too.
          const endsDraft = action === "retract" && before.pendingCorrection !== null;
          const publishes = action === "publish" || action === "publish_correction" || action === "retract";
          // A public version's pages are sealed by an event of their own (lib/public-pages).
          expect(eventsAfter, "one audit event per change").toBe(eventsBefore + 1 + (endsDraft ? 1 : 0) + (publishes ? 1 : 0));
          expect(versionsAfter, "only publication, a published correction and retraction make a public version").toBe(versionsBefore + (publishes ? 1 : 0));
          if (action === "publish") {
            expect(actor.id).not.toBe(after.submittedById);
            expect(actor.id).not.toBe(after.sentToReviewById);
          }
          if (action === "correct") {
            expect([after.correctionDraftedById, after.summary], "a draft waits; the claim keeps its published text").toEqual([actor.id, before.summary]);
          }
          if (action === "publish_correction") {
            expect(actor.id, "the drafter does not publish their correction").not.toBe(before.correctionDraftedById);
            expect([after.pendingCorrection, after.summary]).toEqual([null, before.pendingCorrection?.changes.summary]);
          }
        }
        const verified = await verifyAuditChainUnchecked(db);
        expect(verified.ok).toBe(true);
        expect(verified.events).toBe(await rowCount(db, "audit_events"));
      }),
      { numRuns: 15 },
    );
    // The sequences did more than bounce off the guards.
    expect((await countTransitions()) - transitionsBefore).toBeGreaterThan(minTransitions);
  });

  const publicVersions = async (claimId: string) => world.db.$count(publishedEntries, eq(publishedEntries.claimId, claimId));
  const countTransitions = async () => world.db.$count(auditEvents, eq(auditEvents.type, "claim.transitioned"));
});
