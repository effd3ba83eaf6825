import { describe, expect, it } from "vitest";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { attachAssessedItem, makeActor, submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { describeAuditEntities } from "./entity-titles";

describe.each(TEST_DRIVERS)("the titles of an audit page's entities on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "reviewer"] });

  it("are data, never words of ours: an untitled item names its claim for the page to phrase; what is out of sight or gone stays bare", async () => {
    const { db, submitter, reviewer } = world;
    const claim = await submitSample(db, submitter, { title: "ادعاء عن الساحل" });
    const item = await attachAssessedItem(db, reviewer, claim.id); // uploaded bytes: no file name, no address
    const gone = crypto.randomUUID();
    const entities = [
      { type: "claim", id: claim.id },
      { type: "evidence", id: item.id },
      { type: "claim", id: gone },
      { type: "claim", id: "not-a-uuid" },
    ];

    expect(await describeAuditEntities(db, reviewer, entities)).toEqual({
      [`claim:${claim.id}`]: { title: "ادعاء عن الساحل", href: `/claims/${claim.id}` },
      [`evidence:${item.id}`]: { title: null, itemOf: "ادعاء عن الساحل", href: `/evidence/${item.id}` },
    });
    // Another submitter sees neither the claim nor its item.
    const stranger = await makeActor(db, "submitter");
    expect(await describeAuditEntities(db, stranger, entities)).toEqual({});
  });
});
