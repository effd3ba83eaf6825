import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { claimPersons, publishedEntries } from "@/db/schema";
import { addClaimPerson } from "@/lib/persons/add-claim-person";
import { listClaimPersons } from "@/lib/persons/list-claim-persons";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { claimInState } from "@/lib/test/states";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "@/lib/workflow/transition-claim";

/** The hand-written block of the migration that made names private until approved, statement by statement. */
function backfillStatements(): string[] {
  const folder = path.join(process.cwd(), "db", "migrations");
  const file = fs.readdirSync(folder).find((f) => f.endsWith("_names_private_until_approved.sql"))!;
  const text = fs.readFileSync(path.join(folder, file), "utf8");
  const block = text.slice(text.indexOf("-- hand-written:"));
  return block.split("--> statement-breakpoint").map((s) => s.trim()).filter(Boolean);
}

/**
 * The migration's back-fill on links made under the old rule (victims public by default): a name
 * already published keeps its status with a stated basis; every other public name becomes private.
 */
describe.each(TEST_DRIVERS)("the names back-fill on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "reviewer", "editor"] });

  it("keeps published names public with basis `other`, makes every other public name private", async () => {
    const { db } = world;
    const cast = { submitter: world.submitter, reviewer: world.reviewer, editor: world.editor };
    let published = await claimInState(db, cast, "review");
    const shown = await addClaimPerson(db, world.reviewer, published.id, { role: "victim", names: ["Legacy Shown Victim"] });
    const witness = await addClaimPerson(db, world.reviewer, published.id, { role: "witness", names: ["Legacy Private Witness"] });
    published = await transitionClaim(db, world.editor, published.id, { action: "publish", version: published.version });
    const unpublished = await claimInState(db, cast, "review");
    const waiting = await addClaimPerson(db, world.reviewer, unpublished.id, { role: "victim", names: ["Legacy Waiting Victim"] });

    // The old state: the constraint not there yet, victims public without a basis, and one link
    // made after the claim's only publication (its name never appeared).
    await db.execute(sql`alter table claim_persons drop constraint claim_persons_public_has_basis`);
    const [late] = await db
      .insert(claimPersons)
      .values({ claimId: published.id, personId: waiting.person.id, role: "missing", isPublic: true, createdById: world.reviewer.id, createdAt: new Date(Date.now() + 60_000) })
      .returning({ id: claimPersons.id });
    await db.update(claimPersons).set({ isPublic: true }).where(eq(claimPersons.role, "victim"));

    for (const statement of backfillStatements()) await db.execute(sql.raw(statement));

    const [entry] = await db.select({ publishedAt: publishedEntries.publishedAt }).from(publishedEntries).where(eq(publishedEntries.claimId, published.id));
    const onPublished = await listClaimPersons(db, world.editor, published.id);
    expect(onPublished.find((l) => l.linkId === shown.linkId)).toMatchObject({
      isPublic: true,
      basis: "other",
      basisNote: "Published before approval with a basis was required",
      approvedBy: null,
      approvedAt: entry.publishedAt.toISOString(),
      version: 1,
    });
    expect(onPublished.find((l) => l.linkId === witness.linkId)).toMatchObject({ isPublic: false, basis: null, version: 1 });
    expect(onPublished.find((l) => l.linkId === late.id)).toMatchObject({ isPublic: false, basis: null, approvedAt: null, version: 2 });
    expect((await listClaimPersons(db, world.editor, unpublished.id))[0]).toMatchObject({ linkId: waiting.linkId, isPublic: false, basis: null, version: 2 });
    // And the constraint is back: nothing is public without a basis.
    await expect(db.update(claimPersons).set({ isPublic: true }).where(eq(claimPersons.id, waiting.linkId))).rejects.toThrow();
  });
});
