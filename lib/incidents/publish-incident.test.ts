import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claims, incidents } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { listAuditEvents } from "@/lib/audit/list-events";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { recordFigure } from "@/lib/figures/record-figure";
import { addClaimPerson } from "@/lib/persons/add-claim-person";
import { setClaimPersonVisibility } from "@/lib/persons/set-visibility";
import { streamPublicExport } from "@/lib/publishing/export-zip";
import { renderCodebookDocument, renderIncidentDocument, renderIncidentListDocument } from "@/lib/public-pages/incident-documents";
import { publicSpeech } from "@/lib/public-pages/speech";
import { createSource } from "@/lib/sources/create-source";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { attachAssessedItem, submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { addAttribution } from "./attributions";
import { recordCasualty } from "./casualties";
import { createIncident } from "./create-incident";
import { incidentVictimsCsv } from "./incident-csv";
import { linkIncidentClaim } from "./incident-claims";
import { getIncident } from "./get-incident";
import { getPublicIncident, listPublicIncidents } from "./public-incidents";
import { publishIncident } from "./publish-incident";
import type { TCreateIncident } from "./schemas";

/** Strings that must never reach the public: a name kept private, a protected source, internal words. */
const PRIVATE = {
  name: "Qasim Zahrawi-Privatename",
  protectedSource: "Witness Network Protected-7731",
  note: "Internal note Q7-brother-called",
  rationale: "Rationale kept-in-house 4471",
  attributionSource: "Defector Protected-2290",
};
const PUBLIC_NAME = "Rami Haddad-Publicname";

async function claimVersion(db: Db, claimId: string): Promise<number> {
  const [row] = await db.select({ version: claims.version }).from(claims).where(eq(claims.id, claimId));
  return row.version;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe.each(TEST_DRIVERS)("publishing an incident on %s", (driver) => {
  const world = useTestWorld(driver, {
    roles: ["submitter", "reviewer", "editor", "admin"],
    actors: { editor2: "editor" },
    setup: async ({ db, reviewer }) => ({
      monitor: (await createSource(db, reviewer, { name: "Open Monitor", kind: "organisation", reliability: "B" })).id,
      protectedSource: (await createSource(db, reviewer, { name: PRIVATE.protectedSource, kind: "person", reliability: "C", protected: true })).id,
      defector: (await createSource(db, reviewer, { name: PRIVATE.attributionSource, kind: "person", reliability: "C", protected: true })).id,
    }),
  });

  /** The incident's version now: every change to it or under it moves it. */
  async function versionOf(incidentId: string): Promise<number> {
    const [row] = await world.db.select({ version: incidents.version }).from(incidents).where(eq(incidents.id, incidentId));
    return row.version;
  }

  const incidentInput = (overrides: Partial<TCreateIncident> = {}): TCreateIncident => ({
    title: "Killings in al-Qusour",
    language: "en",
    translations: { ar: "القتل في حي القصور" },
    type: "killing",
    placeName: "al-Qusour, Baniyas",
    placePrecision: "vicinity",
    latitude: 35.18,
    longitude: 35.95,
    startDate: "2025-03-07",
    endDate: "2025-03-08",
    datePrecision: "day",
    ...overrides,
  });

  /** A claim naming a public and a private victim, with a figure from each source, brought to publication. */
  async function publishedClaim(db: Db) {
    const { submitter, reviewer, editor } = world;
    let claim = await submitSample(db, submitter, { kind: "casualty_count", title: "Victims of al-Qusour named" });
    const step = async (actor: Actor, input: Record<string, unknown>) => (claim = await transitionClaim(db, actor, claim.id, { ...input, version: claim.version } as never));
    await step(reviewer, { action: "accept" });
    const open = await addClaimPerson(db, reviewer, claim.id, { role: "victim", names: [PUBLIC_NAME, "رامي حداد"] });
    const hidden = await addClaimPerson(db, reviewer, claim.id, { role: "victim", names: [PRIVATE.name] });
    await setClaimPersonVisibility(db, reviewer, claim.id, open.linkId, { isPublic: true, basis: "family_consent", version: open.version });
    await recordFigure(db, reviewer, claim.id, { measure: "killed", valueMin: 300, valueMax: 320, scopePlace: "al-Qusour", asOf: "2025-03-10", sourceId: world.monitor });
    await recordFigure(db, reviewer, claim.id, { measure: "killed", value: 380, atLeast: true, scopePlace: "al-Qusour", asOf: "2025-03-11", sourceId: world.protectedSource });
    await attachAssessedItem(db, reviewer, claim.id);
    await step(reviewer, { action: "send_to_review", grade: "probable", rationale: "Two independent origins." });
    await step(editor, { action: "publish" });
    return { claim, open: open.person.id, hidden: hidden.person.id };
  }

  it("publishes under four eyes only what is public, and says why it will not", async () => {
    const { db, reviewer, editor, editor2 } = world;
    const { claim, open, hidden } = await publishedClaim(db);
    const incident = await createIncident(db, reviewer, incidentInput());
    // Nothing of it is public yet: a page would show nothing.
    const unlinked = await rejection(publishIncident(db, editor, incident.id, { version: await versionOf(incident.id) }));
    expect([unlinked.code, unlinked.details?.guard]).toEqual(["INVALID_STATE", "nothing_published"]);
    await linkIncidentClaim(db, reviewer, incident.id, { claimId: claim.id });
    await recordCasualty(db, reviewer, incident.id, { personId: open, cause: "shot", status: "civilian", age: 34, sex: "male", sourceIds: [world.monitor, world.protectedSource] });
    await recordCasualty(db, reviewer, incident.id, { personId: hidden, cause: "burned", note: PRIVATE.note, sourceIds: [world.protectedSource] });
    await addAttribution(db, reviewer, incident.id, { perpetrator: "Armed group X", grade: "probable", rationale: PRIVATE.rationale, sourceIds: [world.monitor, world.defector] });

    // The editor who made the last change does not publish it.
    await recordCasualty(db, editor, incident.id, { personId: (await addClaimPerson(db, reviewer, (await submitSample(db, world.submitter)).id, { role: "victim", names: ["Third Person"] })).person.id });
    const own = await rejection(publishIncident(db, editor, incident.id, { version: await versionOf(incident.id) }));
    expect([own.code, own.details?.guard]).toEqual(["INVALID_STATE", "four_eyes"]);
    expect((await rejection(publishIncident(db, reviewer, incident.id, { version: await versionOf(incident.id) }))).code).toBe("FORBIDDEN");
    expect((await rejection(publishIncident(db, editor2, incident.id, { version: 1 }))).code).toBe("CONFLICT");

    const published = await publishIncident(db, editor2, incident.id, { version: await versionOf(incident.id) });
    expect(published).toMatchObject({ state: "published", publishedVersion: 1, slug: expect.stringMatching(/^killings-in-al-qusour-[0-9a-f]{8}$/), changedSincePublication: false });
    const again = await rejection(publishIncident(db, editor2, incident.id, { version: await versionOf(incident.id) }));
    expect([again.code, again.details?.guard]).toEqual(["INVALID_STATE", "unchanged"]);

    const page = await getPublicIncident(db, published.slug!);
    expect(page).toMatchObject({
      title: "Killings in al-Qusour",
      translations: { ar: { title: "القتل في حي القصور" } },
      version: 1,
      claims: [{ slug: claim.publicSlug, title: "Victims of al-Qusour named", grade: "probable" }],
      tally: { recorded: 3, reported: { low: 300, high: 380, open: true }, sourcesDisagree: true, sources: [{ name: "Open Monitor" }, { name: null }] },
      victims: [{ names: [PUBLIC_NAME, "رامي حداد"], cause: "shot", status: "civilian", age: 34, ageBand: "adult", sex: "male", sources: [{ name: "Open Monitor" }, { name: null }] }],
      unnamedVictims: 2,
      attributions: [{ perpetrator: "Armed group X", grade: "probable", sources: [{ name: "Open Monitor" }, { name: null }] }],
    });
    const listed = await listPublicIncidents(db, {});
    expect(listed.items.map((i) => i.slug)).toContain(published.slug);

    // Nowhere public: the JSON, both pages, the list, the CSV, the ZIP.
    const speechOf = (locale: "ar" | "en") => publicSpeech(locale);
    const surfaces: [string, string][] = [
      ["json", JSON.stringify(page)],
      ["page en", renderIncidentDocument({ speech: speechOf("en"), incident: page, origin: undefined })],
      ["page ar", renderIncidentDocument({ speech: speechOf("ar"), incident: page, origin: undefined })],
      ["list", renderIncidentListDocument({ speech: speechOf("ar"), items: listed.items, nextCursor: null, cursor: undefined, origin: undefined })],
      ["codebook", renderCodebookDocument({ speech: speechOf("en"), origin: undefined })],
      ["csv", incidentVictimsCsv(page)],
    ];
    const zip = unzipSync(await readAll(streamPublicExport(db, "https://corroborate.example")));
    for (const name of ["incidents.csv", "incident-victims.csv", "entries.json"]) surfaces.push([`zip ${name}`, new TextDecoder().decode(zip[name])]);
    for (const [where, text] of surfaces) {
      for (const secret of [...Object.values(PRIVATE), "Third Person"]) expect(text, `${secret} in ${where}`).not.toContain(secret);
    }
    expect(surfaces.find(([w]) => w === "page ar")![1]).toContain(PUBLIC_NAME);
    expect(surfaces.find(([w]) => w === "page ar")![1]).toContain("القتل في حي القصور");
    expect(surfaces.find(([w]) => w === "csv")![1]).toContain(PUBLIC_NAME);
    expect(new TextDecoder().decode(zip["incident-victims.csv"])).toContain(PUBLIC_NAME);
    expect(new TextDecoder().decode(zip["incidents.csv"])).toContain(`${published.slug},https://corroborate.example/events/${published.slug}`);

    const events = (await listAuditEvents(db, world.admin, { entity: `incident:${incident.id}`, type: "incident.published" })).items;
    expect(events.map((e) => [e.actor?.id, (e.data as { version: number }).version])).toEqual([[editor2.id, 1]]);
    expect((await verifyAuditChain(db, world.admin)).ok).toBe(true);
  });

  it("counts a change under it, a name made public after the entry, and a retraction (the outside probe's findings)", async () => {
    const { db, reviewer, editor, editor2 } = world;
    const { claim } = await publishedClaim(db);
    const parent = await createIncident(db, reviewer, incidentInput({ title: "Coast" }));
    const child = await createIncident(db, reviewer, incidentInput({ title: "Town", parentId: parent.id }));
    await linkIncidentClaim(db, reviewer, parent.id, { claimId: claim.id });
    await publishIncident(db, editor, parent.id, { version: await versionOf(parent.id) });

    // A victim recorded under the child by one editor changes the parent's page: she does not publish it.
    const late = await addClaimPerson(db, reviewer, (await submitSample(db, world.submitter)).id, { role: "victim", names: ["Late Addition Lateperson"] });
    await recordCasualty(db, editor, child.id, { personId: late.person.id, placeOfDeath: "Late place" });
    expect((await rejection(publishIncident(db, editor, parent.id, { version: await versionOf(parent.id) }))).details?.guard).toBe("four_eyes");

    // The same person linked to the published claim and made public there after its publication:
    // the claim's entry does not name them, so neither does the incident's page.
    const linked = await addClaimPerson(db, editor2, claim.id, { role: "victim", personId: late.person.id });
    await setClaimPersonVisibility(db, editor2, claim.id, linked.linkId, { isPublic: true, basis: "already_public", version: linked.version });
    // What the editor read is what goes out: an attribution added after they read it is a 409.
    const read = await versionOf(parent.id);
    await addAttribution(db, reviewer, parent.id, { perpetrator: "Unseen group", grade: "confirmed", rationale: "Added after.", sourceIds: [world.monitor] });
    expect((await rejection(publishIncident(db, editor2, parent.id, { version: read }))).code).toBe("CONFLICT");
    const second = await publishIncident(db, editor2, parent.id, { version: await versionOf(parent.id) });
    expect(second.publishedVersion).toBe(2);
    const page = await getPublicIncident(db, second.slug!);
    expect(page.victims.map((v) => v.names[0])).toEqual([]);
    expect(page.tally.recorded).toBe(1);
    expect(JSON.stringify(page)).not.toContain("Lateperson");

    // The claim is retracted: the incident counts as changed by the one who retracted it, its page
    // says an entry it draws on is retracted, and another editor publishes a version without it.
    await transitionClaim(db, editor, claim.id, { action: "retract", reason: "Names were wrong.", version: (await claimVersion(db, claim.id)) } as never);
    expect((await getIncident(db, editor2, parent.id)).changedSincePublication).toBe(true);
    expect((await getPublicIncident(db, second.slug!)).claims).toMatchObject([{ slug: claim.publicSlug, retracted: true }]);
    expect((await rejection(publishIncident(db, editor, parent.id, { version: await versionOf(parent.id) }))).details?.guard).toBe("four_eyes");
    const third = await publishIncident(db, editor2, parent.id, { version: await versionOf(parent.id) });
    const withdrawn = await getPublicIncident(db, third.slug!);
    expect(withdrawn).toMatchObject({ version: 3, claims: [], victims: [], tally: { reported: null } });
  });

  it("keeps unpublished incidents out of the public list and answers 404 for them", async () => {
    const { db, reviewer } = world;
    const draft = await createIncident(db, reviewer, incidentInput({ title: "Draft incident" }));
    expect((await listPublicIncidents(db, {})).items.map((i) => i.title)).not.toContain("Draft incident");
    expect((await rejection(getPublicIncident(db, draft.id))).code).toBe("NOT_FOUND");
  });
});
