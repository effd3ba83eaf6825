import { describe, expect, it } from "vitest";
import { readAuditHead, verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import { listAuditEvents } from "@/lib/audit/list-events";
import { getClaim } from "@/lib/claims/get-claim";
import { inLocale } from "@/lib/i18n/translate";
import { previewPublicEntry } from "@/lib/publishing/preview-entry";
import { listPublicAuditEvents } from "@/lib/publishing/public-audit-events";
import { getPublicEntry, listPublicEntries, pickPublicEntryVersion } from "@/lib/publishing/public-entries";
import { originalDigest } from "@/lib/publishing/translations";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { SAMPLE_CLAIM } from "@/lib/test/fixtures";
import { claimInState } from "@/lib/test/states";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "./transition-claim";

/**
 * Translations of a published entry's title and summary (issue 18): drafted and published as a
 * correction is, under four eyes, into the interface languages other than the entry's own.
 */
describe.each(TEST_DRIVERS)("translations of published entries on %s", (driver) => {
  const world = useTestWorld(driver, {
    actors: { submitter: "submitter", reviewer: "reviewer", editor: "editor", drafter: "editor", checker: "editor" },
  });
  const published = (language = "en") => claimInState(world.db, { submitter: world.submitter, reviewer: world.reviewer, editor: world.editor }, "published", { language });
  const arabic = { title: "مقتل 1,383 مدنيًا حتى 12 آذار 2025", summary: "إحصاء المرصد، ومن المتوقع أن يرتفع." };
  const publicEvents = async () => {
    const events = [];
    for await (const event of listPublicAuditEvents(world.db, (await readAuditHead(world.db))!.seq)) events.push(event);
    return events;
  };

  it("drafts a translation, leaves the public entry as it was, refuses the drafter's own publication, and publishes it as a new version by another editor", async () => {
    const { db, drafter, checker } = world;
    let claim = await published();
    const slug = claim.publicSlug!;
    const reason = "Arabic translation for readers on the coast.";
    claim = await transitionClaim(db, drafter, claim.id, { action: "correct", version: claim.version, reason, changes: { translations: { ar: arabic } } });
    expect(claim.translations, "the claim keeps its published translations while the draft waits").toEqual({});
    expect(claim.correction?.changes.translations).toEqual({ ar: { ...arabic, basedOn: originalDigest(SAMPLE_CLAIM) } });

    // The public entry is unchanged: version 1, no translation, nothing of the draft anywhere public.
    const before = await getPublicEntry(db, slug);
    expect([before.version, before.translations, before.history.at(-1)!.snapshot.translations]).toEqual([1, {}, undefined]);
    expect(JSON.stringify(await publicEvents())).not.toContain(arabic.title);
    expect((await listPublicEntries(db, { q: "المرصد" })).items.map((e) => e.slug)).not.toContain(slug);

    // The preview shows the translation the publication would add, each written part isolated
    // (U+2068…U+2069) so that Arabic inside the workspace's sentence cannot reorder it.
    const preview = await previewPublicEntry(db, checker, claim.id);
    expect(preview.entry.translations).toEqual({ ar: { ...arabic, outdated: false } });
    expect(preview.changes).toEqual([{ field: "translations", added: [`ar: \u2068${arabic.title}\u2069 — \u2068${arabic.summary}\u2069`], removed: [] }]);

    // Four eyes: the drafter may not publish it.
    const fourEyes = await rejection(transitionClaim(db, drafter, claim.id, { action: "publish_correction", version: claim.version }));
    expect([fourEyes.status, fourEyes.details.guard]).toEqual([422, "four_eyes"]);
    expect((await getPublicEntry(db, slug)).version).toBe(1);

    claim = await transitionClaim(db, checker, claim.id, { action: "publish_correction", version: claim.version });
    expect(claim.translations).toEqual({ ar: { ...arabic, outdated: false } });
    expect(claim.correction).toBeNull();
    const after = await getPublicEntry(db, slug);
    expect([after.version, after.change, after.changeNote, after.title]).toEqual([2, "correction", reason, SAMPLE_CLAIM.title]);
    expect(after.translations).toEqual({ ar: { ...arabic, outdated: false } });
    expect(pickPublicEntryVersion(after, 1).translations, "version 1 stays as it was published").toEqual({});
    expect(pickPublicEntryVersion(after, 2).changes).toEqual([{ field: "translations", added: [`ar: ${arabic.title} — ${arabic.summary}`], removed: [] }]);
    // A reader searching in Arabic finds the English entry by its translation (folded: آ, ً).
    expect((await listPublicEntries(db, { q: "مدنيا اذار" })).items.map((e) => e.slug)).toContain(slug);

    // Audited: the draft and the publication each carry the translation as before → after.
    const { items } = await listAuditEvents(db, world.editor, { entity: `claim:${claim.id}` });
    const drafted = items.find((e) => e.type === "claim.correction_drafted")!;
    const stamped = { ar: { ...arabic, basedOn: originalDigest(SAMPLE_CLAIM) } };
    expect(drafted.data).toMatchObject({ reason, changes: { translations: { before: {}, after: stamped } } });
    expect(Object.keys((drafted.data as { changes: object }).changes)).toEqual(["translations"]);
    const publication = (await publicEvents()).find((e) => e.entry?.slug === slug && e.entry.version === 2);
    expect(publication, "the publication is a public event, not withheld").not.toHaveProperty("withheld");
    expect(publication).toMatchObject({ actorId: checker.id, data: { action: "publish_correction", reason, changes: { translations: { before: {}, after: stamped } } } });
    expect((await verifyAuditChainUnchecked(db)).ok).toBe(true);
  });

  it("refuses a translation into the entry's own language (400 naming it) and one into a language the interface lacks, writing nothing", async () => {
    const { db, drafter } = world;
    const claim = await published("ar-SY");
    const correct = (changes: Record<string, unknown>) => transitionClaim(db, drafter, claim.id, { action: "correct", version: claim.version, reason: "Translate.", changes });
    const own = await rejection(correct({ translations: { ar: arabic } }));
    expect([own.status, Object.keys(own.details.fieldErrors ?? {})]).toEqual([400, ["changes.translations.ar"]]);
    expect(own.details.fieldErrors!["changes.translations.ar"]).toEqual(["An entry is not translated into its own language: correct its title and summary instead, or remove this translation."]);
    // In the reader's language, with the same field.
    const inArabic = await inLocale("ar", () => rejection(correct({ translations: { ar: arabic } })));
    expect(inArabic.details.fieldErrors!["changes.translations.ar"]![0]).toMatch(/\p{Script=Arabic}/u);
    const unknown = await rejection(correct({ translations: { fr: { title: "Titre", summary: "Résumé." } } }));
    expect([unknown.status, Object.keys(unknown.details.fieldErrors ?? {})]).toEqual([400, ["changes.translations.fr"]]);
    const blank = await rejection(correct({ translations: { en: { title: " ", summary: "x".repeat(10_001) } } }));
    expect(Object.keys(blank.details.fieldErrors ?? {}).sort()).toEqual(["changes.translations.en.summary", "changes.translations.en.title"]);
    const after = await getClaim(db, drafter, claim.id);
    expect([after.version, after.correction, after.translations]).toEqual([claim.version, null, {}]);
    // Nor may a correction move the entry into the language of a translation it keeps.
    let english = await published();
    english = await transitionClaim(db, drafter, english.id, { action: "correct", version: english.version, reason: "Arabic.", changes: { translations: { ar: arabic } } });
    english = await transitionClaim(db, world.checker, english.id, { action: "publish_correction", version: english.version });
    const moved = await rejection(transitionClaim(db, drafter, english.id, { action: "correct", version: english.version, reason: "It was Arabic.", changes: { language: "ar" } }));
    expect(Object.keys(moved.details.fieldErrors ?? {})).toEqual(["changes.translations.ar"]);
    // Removing the translation in the same correction is the way.
    english = await transitionClaim(db, drafter, english.id, { action: "correct", version: english.version, reason: "It was Arabic.", changes: { language: "ar", translations: { ar: null } } });
    expect(english.correction?.changes).toEqual({ language: "ar", translations: {} });
  });

  it("marks a translation outdated when a later correction changes the original, current again when it is translated again, and removes one with null", async () => {
    const { db, drafter, checker } = world;
    let claim = await published();
    const slug = claim.publicSlug!;
    const step = async (actor: typeof drafter, input: Record<string, unknown>) => (claim = await transitionClaim(db, actor, claim.id, { version: claim.version, ...input }));
    await step(drafter, { action: "correct", reason: "Arabic translation.", changes: { translations: { ar: arabic } } });
    await step(checker, { action: "publish_correction" });

    // The original's title changes; the translation is kept as it was, and said to be outdated.
    const newTitle = "1,500 civilians killed as of 14 March 2025";
    await step(drafter, { action: "correct", reason: "The monitor revised its count.", changes: { title: newTitle } });
    expect(claim.correction?.changes).toEqual({ title: newTitle });
    await step(checker, { action: "publish_correction" });
    let entry = await getPublicEntry(db, slug);
    expect([entry.version, entry.title]).toEqual([3, newTitle]);
    expect(entry.translations).toEqual({ ar: { ...arabic, outdated: true } });
    expect(pickPublicEntryVersion(entry, 2).translations.ar?.outdated, "the version before stays current as it was published").toBe(false);
    expect(claim.translations.ar?.outdated).toBe(true);

    // The same words confirmed against the new original: no longer outdated, a change the public sees.
    await step(checker, { action: "correct", reason: "The translation still holds.", changes: { translations: { ar: arabic } } });
    expect(claim.correction?.changes.translations).toEqual({ ar: { ...arabic, basedOn: originalDigest({ title: newTitle, summary: SAMPLE_CLAIM.summary }) } });
    await step(drafter, { action: "publish_correction" });
    entry = await getPublicEntry(db, slug);
    expect([entry.version, entry.translations]).toEqual([4, { ar: { ...arabic, outdated: false } }]);

    // A title and its translation corrected together: the translation is made from the new title.
    const arabic2 = { title: "مقتل 1,600 مدني", summary: arabic.summary };
    await step(drafter, { action: "correct", reason: "Revised again.", changes: { title: "1,600 civilians killed", translations: { ar: arabic2 } } });
    await step(checker, { action: "publish_correction" });
    expect((await getPublicEntry(db, slug)).translations).toEqual({ ar: { ...arabic2, outdated: false } });

    // A draft removing the translation, discarded: audited with the removal, the public unchanged.
    await step(drafter, { action: "correct", reason: "Remove the Arabic.", changes: { translations: { ar: null } } });
    expect(claim.correction?.changes.translations).toEqual({});
    await step(checker, { action: "discard_correction", reason: "Keep it." });
    const { items } = await listAuditEvents(db, world.editor, { entity: `claim:${claim.id}` });
    const discarded = items.findLast((e) => e.type === "claim.correction_discarded")!;
    expect(discarded.data).toMatchObject({ changes: { translations: { before: { ar: arabic2 }, after: {} } } });
    expect((await getPublicEntry(db, slug)).translations).toEqual({ ar: { ...arabic2, outdated: false } });

    // Removed for good: null drops it, published by another editor.
    await step(drafter, { action: "correct", reason: "The Arabic was wrong.", changes: { translations: { ar: null } } });
    await step(checker, { action: "publish_correction" });
    entry = await getPublicEntry(db, slug);
    expect([entry.version, entry.translations, entry.history.at(-1)!.snapshot.translations]).toEqual([6, {}, undefined]);
    expect(pickPublicEntryVersion(entry, 6).changes).toEqual([{ field: "translations", added: [], removed: [`ar: ${arabic2.title} — ${arabic2.summary}`] }]);
    expect(claim.translations).toEqual({});
    // Every publication of a translation passed the public-safety check (none withheld).
    expect((await publicEvents()).filter((e) => e.entry?.slug === slug && "withheld" in e)).toEqual([]);

    // Removing what is not there changes nothing the public sees.
    await step(drafter, { action: "correct", reason: "Nothing to remove.", changes: { translations: { ar: null } } });
    expect(claim.correction?.changes).toEqual({});
    expect((await rejection(transitionClaim(db, checker, claim.id, { action: "publish_correction", version: claim.version }))).details.guard).toBe("changes");
  });
});
