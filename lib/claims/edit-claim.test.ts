import { describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list-events";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { submitSample } from "@/lib/test/fixtures";
import { claimInState } from "@/lib/test/states";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { editClaim } from "./edit-claim";
import { getClaim } from "./get-claim";
import { listClaims } from "./list-claims";

describe.each(TEST_DRIVERS)("editClaim (issue 17: put a claim right before publication) on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "reviewer", "editor"], actors: { editor2: "editor", otherSubmitter: "submitter" } });
  const cast = () => ({ submitter: world.submitter, reviewer: world.reviewer, editor: world.editor2 });
  const events = async (claimId: string) => (await listAuditEvents(world.db, world.reviewer, { entity: `claim:${claimId}` })).items;

  it("the submitter puts a typo right in triage; the edit is audited with before and after, and search finds the new words", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter, { title: "Shelling in Jablah harbour", placeName: "Jablah", incidentDateFrom: "2025-03-07" });
    const edited = await editClaim(db, world.submitter, claim.id, { title: "Shelling in Jableh harbour", placeName: "Jableh", incidentDateFrom: null, version: claim.version });
    expect(edited).toMatchObject({ title: "Shelling in Jableh harbour", version: claim.version + 1 });
    expect(edited.place.name).toBe("Jableh");
    expect(edited.incidentDate.from).toBeNull();
    const event = (await events(claim.id)).at(-1)!;
    expect(event.type).toBe("claim.edited");
    expect(event.actor?.id).toBe(world.submitter.id);
    expect(event.data).toEqual({
      version: claim.version + 1,
      changes: {
        title: { before: "Shelling in Jablah harbour", after: "Shelling in Jableh harbour" },
        placeName: { before: "Jablah", after: "Jableh" },
        incidentDateFrom: { before: "2025-03-07", after: null },
      },
    });
    expect((await listClaims(db, world.reviewer, { q: "Jableh" })).items.map((c) => c.id)).toContain(claim.id);
  });

  it("reviewers and editors edit until publication; after it only a correction changes the claim", async () => {
    const { db } = world;
    for (const state of ["corroboration", "review"] as const) {
      const claim = await claimInState(db, cast(), state);
      const edited = await editClaim(db, world.reviewer, claim.id, { summary: `Internal method text removed (${state}).`, version: claim.version });
      expect(edited.summary).toBe(`Internal method text removed (${state}).`);
      expect(edited.state).toBe(state);
    }
    const published = await claimInState(db, cast(), "published");
    const refused = await rejection(editClaim(db, world.editor, published.id, { title: "Changed after publication", version: published.version }));
    expect([refused.code, refused.details.guard]).toEqual(["INVALID_STATE", "state"]);
    expect(refused.message).toContain("correction");
    expect((await getClaim(db, world.editor, published.id)).title).toBe(published.title);
  });

  it("an editor who edits the claim in review may not publish it (four eyes); another editor may, and sending it again clears the mark", async () => {
    const { db } = world;
    let claim = await claimInState(db, cast(), "review");
    claim = await editClaim(db, world.editor, claim.id, { title: "Rewritten in review by the publishing editor", version: claim.version });
    expect(claim.editedInReviewById).toBe(world.editor.id);
    const refused = await rejection(transitionClaim(db, world.editor, claim.id, { action: "publish", version: claim.version }));
    expect([refused.code, refused.details.guard]).toEqual(["INVALID_STATE", "four_eyes"]);
    expect(refused.message).toContain("you edited this claim in review");

    // Sent back and sent again by the reviewer: the editor's edit was seen, so they may publish.
    claim = await transitionClaim(db, world.editor2, claim.id, { action: "send_back", reason: "Check the new title.", version: claim.version });
    claim = await transitionClaim(db, world.reviewer, claim.id, { action: "send_to_review", version: claim.version });
    expect(claim.editedInReviewById).toBeNull();
    const published = await transitionClaim(db, world.editor, claim.id, { action: "publish", version: claim.version });
    expect(published.state).toBe("published");
  });

  it("refuses the submitter once the claim is accepted, a stale version, bad fields and a broken whole, changing nothing", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter, { placeName: "Baniyas" });
    const before = await events(claim.id);
    const code = async (p: Promise<unknown>) => {
      const e = await rejection(p);
      return `${e.code}:${Object.keys(e.details.fieldErrors ?? {}).join(",")}`;
    };
    expect(await code(editClaim(db, world.submitter, claim.id, { title: "x", version: claim.version + 5 }))).toBe("CONFLICT:");
    expect(await code(editClaim(db, world.submitter, claim.id, { title: "", version: claim.version }))).toBe("BAD_REQUEST:title");
    expect(await code(editClaim(db, world.submitter, claim.id, { kind: "rumour", version: claim.version }))).toBe("BAD_REQUEST:kind");
    expect(await code(editClaim(db, world.submitter, claim.id, { version: claim.version }))).toBe("BAD_REQUEST:title");
    expect(await code(editClaim(db, world.submitter, claim.id, { title: "x", state: "published", version: claim.version }))).toBe("BAD_REQUEST:state");
    // Across fields, as a submission: a latitude needs a longitude and a precision.
    expect(await code(editClaim(db, world.submitter, claim.id, { latitude: 35.1, version: claim.version }))).toBe("BAD_REQUEST:latitude,longitude,placePrecision");
    expect(await code(editClaim(db, world.submitter, claim.id, { incidentDateFrom: "2025-03-09", incidentDateTo: "2025-03-08", version: claim.version }))).toBe("BAD_REQUEST:incidentDateTo");
    expect(await events(claim.id)).toEqual(before);

    const accepted = await transitionClaim(db, world.reviewer, claim.id, { action: "accept", version: claim.version });
    expect(await code(editClaim(db, world.submitter, claim.id, { title: "Too late for the submitter", version: accepted.version }))).toBe("FORBIDDEN:");
    // Another submitter does not even see it.
    expect((await rejection(editClaim(db, world.otherSubmitter, claim.id, { title: "x", version: accepted.version }))).code).toBe("NOT_FOUND");
    expect((await getClaim(db, world.reviewer, claim.id)).title).toBe(claim.title);
  });
});
