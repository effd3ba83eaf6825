import type { APIRequestContext, Page } from "@playwright/test";
import {
  type ApiClaim,
  type ApiEvidence,
  assessApi,
  bearer,
  getClaimApi,
  reviewSensitivityApi,
  settledEvidenceApi,
  submitClaimApi,
  textFile,
  transitionApi,
  uniqueWord,
  uploadEvidenceApi,
} from "./support/api";
import { expectError } from "./support/evidence-api";
import { expect, PEOPLE, type Person, test } from "./support/fixtures";
import { cleanMedia, makeVideo } from "./support/media";
import { ClaimPage } from "./support/pages";

/**
 * Corroboration (issue 4): sources, citations, assessments and independent origins. The first
 * tests build the "many outlets quote one monitor" case in the browser and check that the API
 * and the publish guard agree with what the page shows; then the protected-source leak scan and
 * the API's refusals.
 */

test.afterAll(() => cleanMedia());

type ApiSource = {
  id: string;
  name: string;
  kind: string;
  reliability: string;
  reliabilityRationale: string | null;
  protected: boolean;
  version: number;
  cites?: { id: string; name: string }[];
  citedBy?: { id: string; name: string }[];
};

type ApiOrigins = {
  origins: { id: string; sourceIds: string[]; evidenceIds: string[]; stance: string; firstHand: boolean; reasons: string[] }[];
  supporting: number;
  contradicting: number;
  suggestedGrade: string | null;
  because: string;
  limitedBy: string | null;
  items: number;
};

async function json<T>(response: Awaited<ReturnType<APIRequestContext["get"]>>, status: number, what: string): Promise<T> {
  const text = await response.text();
  expect(response.status(), `${what}: ${text}`).toBe(status);
  return JSON.parse(text) as T;
}

async function createSourceApi(request: APIRequestContext, person: Person, body: Record<string, unknown>): Promise<ApiSource> {
  return json<ApiSource>(await request.post("/api/v1/sources", { headers: bearer(person), data: body }), 201, `create source ${String(body.name)}`);
}

async function getSourceApi(request: APIRequestContext, id: string, person: Person = "reviewer"): Promise<ApiSource> {
  return json<ApiSource>(await request.get(`/api/v1/sources/${id}`, { headers: bearer(person) }), 200, "get source");
}

async function citeApi(request: APIRequestContext, person: Person, sourceId: string, citesSourceId: string): Promise<ApiSource> {
  return json<ApiSource>(
    await request.post(`/api/v1/sources/${sourceId}/citations`, { headers: bearer(person), data: { citesSourceId } }),
    201,
    "add citation",
  );
}

async function setPublisherApi(
  request: APIRequestContext,
  person: Person,
  item: Pick<ApiEvidence, "id" | "version">,
  body: { publishedBySourceId?: string | null; obtainedViaSourceId?: string | null; isFirstHand?: boolean },
): Promise<ApiEvidence> {
  return json<ApiEvidence>(
    await request.patch(`/api/v1/evidence/${item.id}`, { headers: bearer(person), data: { ...body, version: item.version } }),
    200,
    "set where it came from",
  );
}

async function originsApi(request: APIRequestContext, claimId: string, person: Person = "reviewer"): Promise<ApiOrigins> {
  return json<ApiOrigins>(await request.get(`/api/v1/claims/${claimId}/origins`, { headers: bearer(person) }), 200, "origins");
}

async function claimEvidenceApi(request: APIRequestContext, claimId: string, person: Person = "reviewer") {
  const body = await json<{ items: (ApiEvidence & { originalFilename: string | null })[] }>(
    await request.get(`/api/v1/claims/${claimId}/evidence`, { headers: bearer(person) }),
    200,
    "claim evidence",
  );
  return body.items;
}

/** A claim submitted by the submitter and accepted into corroboration by the reviewer. */
async function acceptedClaim(request: APIRequestContext, title: string): Promise<ApiClaim> {
  const submitted = await submitClaimApi(request, { kind: "casualty_count", title, summary: `${title}: made by an end-to-end test.` });
  const claim = await transitionApi(request, "reviewer", submitted, { action: "accept" });
  expect(claim.state).toBe("corroboration");
  return claim;
}

/** "New source" on /sources; lands on the new source's page and returns its id. */
async function createSourceInUi(page: Page, source: { name: string; kind: string; reliability: string; rationale?: string }) {
  await page.goto("/sources");
  await expect(page.getByRole("heading", { name: "Sources", level: 1 })).toBeVisible();
  const form = page.getByTestId("create-source-form");
  await form.getByLabel("Name", { exact: true }).fill(source.name);
  await form.getByLabel("Kind", { exact: true }).selectOption(source.kind);
  await form.getByLabel("Reliability (Admiralty)").selectOption(source.reliability);
  if (source.rationale) await form.getByLabel("Why this rating").fill(source.rationale);
  await form.getByRole("button", { name: "Add source" }).click();
  await expect(page).toHaveURL(/\/sources\/[0-9a-f-]{36}\?saved=created$/);
  await expect(page.getByText("Source added.")).toBeVisible();
  await expect(page.getByTestId("source-name")).toHaveText(source.name);
  return /\/sources\/([0-9a-f-]{36})/.exec(page.url())![1];
}

function evidenceItem(page: Page, name: string) {
  return page.getByTestId("evidence-item").filter({ has: page.getByRole("link", { name, exact: true }) });
}

/** Files through the claim page's uploader; waits until each is preserved and listed. */
async function uploadInUi(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]) {
  await page.getByTestId("file-input").setInputFiles(files);
  for (const file of files) {
    await expect(page.getByTestId("upload-item").filter({ hasText: file.name })).toContainText("Preserved", { timeout: 30_000 });
    await expect(evidenceItem(page, file.name)).toBeVisible({ timeout: 15_000 });
  }
  await expect(page.getByTestId("upload-error")).toHaveCount(0);
}

/** The assess form of one item on the claim page. */
async function assessInUi(page: Page, name: string, stance: string, credibility: number) {
  const item = evidenceItem(page, name);
  const form = item.getByTestId("assess-form");
  await form.locator('select[name="stance"]').selectOption(stance);
  await form.locator('select[name="credibility"]').selectOption(String(credibility));
  await form.locator('input[name="note"]').fill(`Assessed by the end-to-end test: ${name}`);
  await form.getByRole("button", { name: "Assess", exact: true }).click();
  await expect(form).toContainText("Assessment saved.");
  await expect(item).toContainText(`Assessed: ${stance} (${credibility})`);
  await expect(form.getByRole("button", { name: "Update assessment" })).toBeVisible();
}

test.describe.serial("many outlets quote one monitor: one origin; an independent first-hand video makes two", () => {
  const run = uniqueWord("circ");
  const shared = {
    claim: null as ApiClaim | null,
    monitor: `Monitor ${run}`,
    outlets: [1, 2, 3].map((i) => `Outlet ${i} ${run}`),
    witness: `Witness filming ${run}`,
    texts: [1, 2, 3].map((i) => `outlet-${i}-report-${run}.txt`),
    video: `filmed-on-site-${run}.mp4`,
  };

  test("a. a reviewer builds the case in the browser and watches the origins collapse, then grow", async ({ as, request }) => {
    test.setTimeout(240_000);
    shared.claim = await acceptedClaim(request, `Death toll repeated by outlets ${run}`);
    const claimId = shared.claim.id;
    const page = await as("reviewer");

    // The registry: a monitor and three outlets, each made with the "New source" form.
    const monitorId = await createSourceInUi(page, {
      name: shared.monitor,
      kind: "organisation",
      reliability: "B",
      rationale: "Long record of casualty documentation.",
    });
    // (How the page shows the rating is the registry test at the end of this file.)
    await expect(page.getByTestId("rate-source-form").getByLabel("Reliability")).toHaveValue("B");
    const outletIds: string[] = [];
    for (const name of shared.outlets) outletIds.push(await createSourceInUi(page, { name, kind: "outlet", reliability: "C" }));
    await page.goto(`/sources?q=${encodeURIComponent(run)}`);
    await expect(page.getByTestId("source-list").locator("li")).toHaveCount(4);

    // Each outlet quotes the monitor: a citation on the outlet's own page, reached from the list.
    for (const [i, name] of shared.outlets.entries()) {
      await page.goto(`/sources?q=${encodeURIComponent(run)}`);
      await page.getByTestId("source-list").getByRole("link", { name, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/sources/${outletIds[i]}$`));
      await expect(page.getByTestId("source-cites")).toHaveText("—");
      const citation = page.getByTestId("citation-form");
      await citation.locator("#cites").selectOption({ label: shared.monitor });
      await citation.getByRole("button", { name: "Add citation" }).click();
      await expect(page).toHaveURL(new RegExp(`/sources/${outletIds[i]}\\?saved=cited$`));
      await expect(page.getByText("Citation added.")).toBeVisible();
      await expect(page.getByTestId("source-cites")).toHaveText(shared.monitor);
    }
    const monitor = await getSourceApi(request, monitorId);
    expect(monitor.citedBy?.map((s) => s.id).sort()).toEqual([...outletIds].sort());

    // Three reports, uploaded through the claim page: no publisher yet, so three separate origins.
    const claim = new ClaimPage(page);
    await claim.goto(claimId);
    await expect(page.getByTestId("origins-panel")).toHaveCount(0); // no evidence, no panel
    await uploadInUi(
      page,
      shared.texts.map((name, i) => textFile(name, `${shared.outlets[i]}: 1,383 civilians killed, according to ${shared.monitor}.\n`)),
    );
    await page.reload();
    const summary = page.getByTestId("origins-summary");
    await expect(summary).toContainText("3 items → 3 independent origins · 0 supporting, 0 contradicting");
    await expect(page.getByTestId("suggested-grade")).toContainText("none yet");

    // Who published each report, set on its evidence page.
    for (const [i, name] of shared.texts.entries()) {
      await evidenceItem(page, name).getByRole("link", { name, exact: true }).click();
      await expect(page.getByTestId("evidence-title")).toHaveText(name);
      const provenance = page.getByTestId("provenance-form");
      await provenance.locator(`[id^="prov-publishedBySourceId-"]`).selectOption({ label: shared.outlets[i] });
      await provenance.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page).toHaveURL(/\?saved=provenance$/);
      await expect(page.getByText("Where it came from: saved.")).toBeVisible();
      await expect(provenance.locator(`[id^="prov-publishedBySourceId-"]`)).toHaveValue(outletIds[i]);
      await page.getByRole("link", { name: `← ${shared.claim.title}` }).click();
      await expect(page).toHaveURL(new RegExp(`/claims/${claimId}$`));
      await expect(evidenceItem(page, name).getByTestId("evidence-provenance")).toHaveText(`Published by ${shared.outlets[i]}`);
    }
    // The citations fold the three outlets into the monitor: one origin.
    await expect(summary).toContainText("3 items → 1 independent origin · 0 supporting, 0 contradicting");

    // Each report assessed as supporting, "probably true".
    for (const name of shared.texts) await assessInUi(page, name, "supports", 2);
    await expect(summary).toContainText("3 items → 1 independent origin · 1 supporting, 0 contradicting");
    const origins = page.getByTestId("origin");
    await expect(origins).toHaveCount(1);
    await expect(origins.first()).toContainText("3 items");
    await expect(origins.first()).toContainText("supports");
    await expect(origins.first().getByTestId("shared-origin-warning")).toContainText("3 items rest on this one origin");
    for (const name of [shared.monitor, ...shared.outlets]) {
      await expect(origins.first().getByRole("link", { name, exact: true })).toHaveAttribute("href", /\/sources\/[0-9a-f-]{36}$/);
    }
    for (const outlet of shared.outlets) await expect(origins.first()).toContainText(`${outlet} cites ${shared.monitor}`);
    for (const name of shared.texts) await expect(origins.first().getByRole("link", { name, exact: true })).toBeVisible();
    await expect(page.getByTestId("suggested-grade")).toContainText("Single source");
    await expect(page.getByTestId("suggested-grade")).toContainText("One origin supports it so far.");

    // An independent first-hand video, published by a person created without leaving the item.
    const video = makeVideo(shared.video, { seconds: 2, size: "320x240" });
    await uploadInUi(page, [{ name: shared.video, mimeType: "video/mp4", buffer: video }]);
    const videoItem = evidenceItem(page, shared.video);
    for (const step of ["metadata", "thumbnail", "keyframes"]) {
      await expect(videoItem.getByTestId(`processing-${step}`)).toHaveText(`${step}: done`, { timeout: 60_000 });
    }
    await expect(summary).toContainText("4 items → 2 independent origins · 1 supporting, 0 contradicting");
    await videoItem.getByRole("link", { name: shared.video, exact: true }).click();
    await expect(page.getByTestId("evidence-title")).toHaveText(shared.video);
    const provenance = page.getByTestId("provenance-form");
    await expect(provenance.locator(`[id^="prov-publishedBySourceId-"]`)).toHaveValue("");
    await expect(provenance.locator(`[id^="prov-publishedBySourceId-"]`).locator("option", { hasText: shared.witness })).toHaveCount(0);
    await provenance.getByText("Not in the list? New source").click();
    await provenance.locator(`[id^="prov-newSourceName-"]`).fill(shared.witness);
    await provenance.locator(`[id^="prov-newSourceKind-"]`).selectOption("person");
    await provenance.getByLabel("First-hand", { exact: false }).check();
    await provenance.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page).toHaveURL(/\?saved=provenance$/);
    await expect(page.getByText("Where it came from: saved.")).toBeVisible();

    // The new source exists once, is a person, and is the video's publisher.
    const found = await json<{ items: ApiSource[] }>(
      await request.get(`/api/v1/sources?q=${encodeURIComponent(shared.witness)}`, { headers: bearer("reviewer") }),
      200,
      "find the witness",
    );
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ name: shared.witness, kind: "person", reliability: "F", protected: false });
    const witnessId = found.items[0].id;
    const videoId = /\/evidence\/([0-9a-f-]{36})/.exec(page.url())![1];
    expect(await settledEvidenceApi(request, "reviewer", videoId)).toMatchObject({ publishedBySourceId: witnessId, isFirstHand: true });
    // What the page shows after saving is what was saved.
    await expect(provenance.locator(`[id^="prov-publishedBySourceId-"]`)).toHaveValue(witnessId);
    await expect(provenance.getByLabel("First-hand", { exact: false })).toBeChecked();

    await page.getByRole("link", { name: `← ${shared.claim.title}` }).click();
    await expect(page).toHaveURL(new RegExp(`/claims/${claimId}$`));
    await expect(videoItem.getByTestId("evidence-provenance")).toHaveText(`Published by ${shared.witness} · first-hand`);
    await assessInUi(page, shared.video, "supports", 2);

    await expect(summary).toContainText("4 items → 2 independent origins · 2 supporting, 0 contradicting");
    await expect(origins).toHaveCount(2);
    const videoOrigin = origins.filter({ has: page.getByRole("link", { name: shared.video, exact: true }) });
    await expect(videoOrigin).toContainText("first-hand");
    await expect(videoOrigin).toContainText("1 item");
    await expect(videoOrigin.getByRole("link", { name: shared.witness, exact: true })).toBeVisible();
    await expect(videoOrigin.getByTestId("shared-origin-warning")).toHaveCount(0);
    const reportsOrigin = origins.filter({ has: page.getByRole("link", { name: shared.texts[0], exact: true }) });
    await expect(reportsOrigin.getByTestId("shared-origin-warning")).toBeVisible();
    await expect(reportsOrigin).not.toContainText("first-hand");
    await expect(page.getByTestId("shared-origin-warning")).toHaveCount(1);
    await expect(page.getByTestId("suggested-grade")).toContainText("Confirmed");

    // Every assessment is in the claim's audit timeline.
    await expect(claim.events.filter({ hasText: `Evidence assessed: supports (2) · ${PEOPLE.reviewer.name}` })).toHaveCount(4);
  });

  test("b. the API agrees; 'confirmed' is sent to review and published once every item is reviewed", async ({ request }) => {
    expect(shared.claim, "test a built the claim").not.toBeNull();
    const claimId = shared.claim!.id;
    const items = await claimEvidenceApi(request, claimId);
    expect(items).toHaveLength(4);
    const byName = new Map(items.map((i) => [i.originalFilename, i]));
    const texts = shared.texts.map((n) => byName.get(n)!);
    const video = byName.get(shared.video)!;
    expect(texts.every(Boolean) && !!video).toBe(true);

    const origins = await originsApi(request, claimId);
    expect(origins).toMatchObject({ items: 4, supporting: 2, contradicting: 0, suggestedGrade: "confirmed" });
    expect(origins.origins).toHaveLength(2);
    const reports = origins.origins.find((o) => o.evidenceIds.includes(texts[0].id))!;
    const filmed = origins.origins.find((o) => o.evidenceIds.includes(video.id))!;
    expect(reports.evidenceIds).toEqual(texts.map((t) => t.id).sort());
    expect(reports).toMatchObject({ stance: "supports", firstHand: false });
    const sourceNames = await Promise.all(reports.sourceIds.map(async (id) => (await getSourceApi(request, id)).name));
    expect(sourceNames.sort()).toEqual([shared.monitor, ...shared.outlets].sort());
    expect(reports.reasons).toEqual(expect.arrayContaining(shared.outlets.map((o) => `${o} cites ${shared.monitor}`)));
    expect(filmed).toMatchObject({ evidenceIds: [video.id], stance: "supports", firstHand: true });
    expect(filmed.sourceIds).toHaveLength(1);
    expect((await getSourceApi(request, filmed.sourceIds[0])).name).toBe(shared.witness);

    // The reviewer grades it confirmed; it may not go to review before every item is reviewed for
    // sensitivity (issue 17: asked where the reviewer works, not at publication), and the refusal
    // links to each item.
    let claim = await getClaimApi(request, claimId);
    const send = { action: "send_to_review", grade: "confirmed", rationale: `Two independent origins, one first-hand (${shared.video}).` };
    const early = await expectError(
      await request.post(`/api/v1/claims/${claimId}/transitions`, { headers: bearer("reviewer"), data: { ...send, version: claim.version } }),
      422,
      "INVALID_STATE",
    );
    expect(early.error.guard).toBe("sensitivity");
    expect(early.error.message).toContain("4 evidence items");
    expect((early.error as { links?: { href: string }[] }).links?.map((l) => l.href).sort()).toEqual(items.map((i) => `/evidence/${i.id}`).sort());
    for (const item of items) await reviewSensitivityApi(request, "reviewer", await settledEvidenceApi(request, "reviewer", item.id));
    claim = await transitionApi(request, "reviewer", await getClaimApi(request, claimId), send);
    expect(claim).toMatchObject({ state: "review", grade: "confirmed" });

    const published = await transitionApi(request, "editor", claim, { action: "publish" });
    expect(published).toMatchObject({ state: "published", grade: "confirmed" });
    expect(published.publicSlug).toBeTruthy();
    const entry = await json<{ grade: string; title: string }>(await request.get(`/api/v1/public/entries/${published.publicSlug}`), 200, "public entry");
    expect(entry).toMatchObject({ grade: "confirmed", title: shared.claim!.title });
  });

  test("b. 'confirmed' resting on one monitor is refused at publication: guard 'origins'", async ({ request }) => {
    const word = uniqueWord("echo");
    let claim = await acceptedClaim(request, `Toll echoed by three outlets ${word}`);
    const monitor = await createSourceApi(request, "reviewer", { name: `Monitor ${word}`, kind: "organisation", reliability: "B" });
    const outlets: ApiSource[] = [];
    for (const i of [1, 2, 3]) {
      const outlet = await createSourceApi(request, "reviewer", { name: `Outlet ${i} ${word}`, kind: "outlet", reliability: "C" });
      const cited = await citeApi(request, "reviewer", outlet.id, monitor.id);
      expect(cited.cites?.map((c) => c.id)).toEqual([monitor.id]);
      outlets.push(outlet);
    }
    for (const [i, outlet] of outlets.entries()) {
      const uploaded = await uploadEvidenceApi(request, "reviewer", claim.id, textFile(`echo-${i}-${word}.txt`));
      // One of them even says it is first-hand: it still rests on the one monitor.
      const sourced = await setPublisherApi(request, "reviewer", await settledEvidenceApi(request, "reviewer", uploaded.id), {
        publishedBySourceId: outlet.id,
        isFirstHand: i === 0,
      });
      expect(sourced).toMatchObject({ publishedBySourceId: outlet.id, isFirstHand: i === 0 });
      const reviewed = await reviewSensitivityApi(request, "reviewer", sourced);
      await assessApi(request, "reviewer", claim.id, { evidenceId: reviewed.id, stance: "supports", credibility: 1 });
    }
    const origins = await originsApi(request, claim.id);
    expect(origins).toMatchObject({ items: 3, supporting: 1, contradicting: 0, suggestedGrade: "single_source" });
    expect(origins.origins).toHaveLength(1);
    expect(origins.origins[0].sourceIds.sort()).toEqual([monitor.id, ...outlets.map((o) => o.id)].sort());

    // A reviewer may overrule the suggestion when sending to review...
    claim = await transitionApi(request, "reviewer", claim, { action: "send_to_review", grade: "confirmed", rationale: "Three outlets agree." });
    expect(claim).toMatchObject({ state: "review", grade: "confirmed" });
    // ...but 'confirmed' is not published on one origin.
    const refused = await expectError(
      await request.post(`/api/v1/claims/${claim.id}/transitions`, { headers: bearer("editor"), data: { action: "publish", version: claim.version } }),
      422,
      "INVALID_STATE",
    );
    expect(refused.error.guard).toBe("origins");
    expect(refused.error.message).toContain("confirmed");
    expect(await getClaimApi(request, claim.id)).toMatchObject({ state: "review", version: claim.version, grade: "confirmed", publicSlug: null });
  });
});

test("c. a protected source's identity appears on no public page or public API answer", async ({ request, page }) => {
  const word = uniqueWord("prot");
  const secret = {
    name: `Nadia Haddad-${word} (anonymous local contact)`,
    url: `https://example.org/contacts/${word}`,
    handle: `@contact_${word}`,
    rationale: `Known to the team since 2019 (${word})`,
  };
  const contact = await createSourceApi(request, "reviewer", {
    name: secret.name,
    kind: "person",
    url: secret.url,
    handles: [secret.handle],
    reliability: "B",
    reliabilityRationale: secret.rationale,
    protected: true,
  });
  expect(contact).toMatchObject({ name: secret.name, protected: true });
  const relay = await createSourceApi(request, "reviewer", { name: `Relay channel ${word}`, kind: "channel", reliability: "D" });

  const title = `Shelling reported by a local contact ${word}`;
  let claim = await acceptedClaim(request, title);
  const uploaded = await uploadEvidenceApi(request, "reviewer", claim.id, textFile(`call-notes-${word}.txt`));
  const sourced = await setPublisherApi(request, "reviewer", await settledEvidenceApi(request, "reviewer", uploaded.id), {
    publishedBySourceId: contact.id,
    obtainedViaSourceId: relay.id,
    isFirstHand: true,
  });
  const reviewed = await reviewSensitivityApi(request, "reviewer", sourced);
  await assessApi(request, "reviewer", claim.id, { evidenceId: reviewed.id, stance: "supports", credibility: 2, note: `Call with ${secret.name}` });
  // In the workspace the origin names its protected source.
  const origins = await originsApi(request, claim.id);
  expect(origins.origins).toHaveLength(1);
  expect(origins.origins[0].sourceIds).toContain(contact.id);
  claim = await transitionApi(request, "reviewer", claim, { action: "send_to_review", grade: "single_source", rationale: `Only ${secret.name} so far.` });
  const published = await transitionApi(request, "editor2", claim, { action: "publish" });
  expect(published.state).toBe("published");
  const slug = published.publicSlug!;
  expect(slug).toBeTruthy();

  // Signed out: the public site and the public API.
  expect(await page.context().cookies()).toEqual([]);
  const scanned: [string, string][] = [];
  await page.goto("/");
  await expect(page.getByTestId("public-entry").filter({ hasText: title })).toHaveCount(1);
  scanned.push(["/", await page.content()]);
  await page.goto(`/entries/${slug}`);
  await expect(page.getByTestId("entry-title")).toHaveText(title);
  scanned.push([`/entries/${slug}`, await page.content()]);
  let cursor: string | null = null;
  let listed = false;
  for (let pages = 0; pages < 50; pages++) {
    const url: string = `/api/v1/public/entries${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`;
    const response = await request.get(url);
    expect(response.status()).toBe(200);
    const text = await response.text();
    scanned.push([url, text]);
    const body = JSON.parse(text) as { items: { slug: string }[]; nextCursor: string | null };
    listed ||= body.items.some((e) => e.slug === slug);
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  expect(cursor, "walked every page of the public list").toBeNull();
  expect(listed, "the entry is in the public list").toBe(true);
  const one = await request.get(`/api/v1/public/entries/${slug}`);
  expect(one.status()).toBe(200);
  const oneText = await one.text();
  expect(JSON.parse(oneText)).toMatchObject({ slug, title, grade: "single_source" });
  scanned.push([`/api/v1/public/entries/${slug}`, oneText]);

  for (const [where, text] of scanned) {
    expect(text, `${where} must not name the protected source`).not.toContain(secret.name);
    expect(text, `${where} must not name the protected source`).not.toContain(`Nadia Haddad-${word}`);
    expect(text, `${where} must not show the protected source's address`).not.toContain(secret.url);
    expect(text, `${where} must not show the protected source's handle`).not.toContain(secret.handle);
    expect(text, `${where} must not show the rating rationale`).not.toContain(secret.rationale);
    expect(text, `${where} must not show the source id`).not.toContain(contact.id);
    for (const person of [PEOPLE.submitter, PEOPLE.reviewer, PEOPLE.editor2]) {
      expect(text, `${where} must not name ${person.name}`).not.toContain(person.name);
    }
  }

  // Nor does the workspace answer anyone signed out.
  await expectError(await request.get("/api/v1/sources"), 401, "UNAUTHORIZED");
  await expectError(await request.get(`/api/v1/sources/${contact.id}`), 401, "UNAUTHORIZED");
  await expectError(await request.get(`/api/v1/claims/${claim.id}/origins`), 401, "UNAUTHORIZED");
  await page.goto(`/sources/${contact.id}`);
  await expect(page).toHaveURL(/\/login/);
  expect(await page.content()).not.toContain(secret.name);
});

test("d. the sources and assessments API refuses bad input, the wrong role and unknown ids", async ({ request }) => {
  const word = uniqueWord("bad");

  // Bad fields: 400 naming each, and nothing created.
  const bad = await expectError(
    await request.post("/api/v1/sources", {
      headers: bearer("reviewer"),
      data: { name: "   ", kind: "blog", reliability: "G", url: "javascript:alert(1)", affiliatedWithId: "not-an-id" },
    }),
    400,
    "BAD_REQUEST",
  );
  expect(Object.keys(bad.error.fieldErrors ?? {})).toEqual(expect.arrayContaining(["name", "kind", "reliability", "url", "affiliatedWithId"]));
  const missing = await expectError(await request.post("/api/v1/sources", { headers: bearer("reviewer"), data: { url: `https://example.org/${word}` } }), 400, "BAD_REQUEST");
  expect(Object.keys(missing.error.fieldErrors ?? {})).toEqual(expect.arrayContaining(["name", "kind", "reliability"]));
  const extra = await expectError(
    await request.post("/api/v1/sources", { headers: bearer("reviewer"), data: { name: `Extra ${word}`, kind: "outlet", reliability: "C", trusted: true } }),
    400,
    "BAD_REQUEST",
  );
  expect(extra.error.message.length).toBeGreaterThan(0);
  const none = await json<{ items: ApiSource[] }>(await request.get(`/api/v1/sources?q=${word}`, { headers: bearer("reviewer") }), 200, "search");
  expect(none.items).toEqual([]);

  // A submitter may add a source but not rate one.
  const source = await createSourceApi(request, "submitter", { name: `Outlet ${word}`, kind: "outlet", reliability: "C" });
  const forbidden = await expectError(
    await request.patch(`/api/v1/sources/${source.id}`, {
      headers: bearer("submitter"),
      data: { reliability: "A", reliabilityRationale: "I trust them.", version: source.version },
    }),
    403,
    "FORBIDDEN",
  );
  expect(forbidden.error.message.length).toBeGreaterThan(0);
  expect(await getSourceApi(request, source.id)).toMatchObject({ reliability: "C", reliabilityRationale: null, version: source.version });
  // The reviewer may, and the new rating is kept with its rationale.
  const rated = await json<ApiSource>(
    await request.patch(`/api/v1/sources/${source.id}`, {
      headers: bearer("reviewer"),
      data: { reliability: "B", reliabilityRationale: `Checked against records ${word}`, version: source.version },
    }),
    200,
    "rate",
  );
  expect(rated).toMatchObject({ reliability: "B", reliabilityRationale: `Checked against records ${word}`, version: source.version + 1 });
  // A stale version is a conflict.
  await expectError(
    await request.patch(`/api/v1/sources/${source.id}`, { headers: bearer("reviewer"), data: { reliability: "E", version: source.version } }),
    409,
    "CONFLICT",
  );

  // Credibility is 1–6.
  const claim = await acceptedClaim(request, `Claim for refusals ${word}`);
  const item = await uploadEvidenceApi(request, "reviewer", claim.id, textFile(`refusals-${word}.txt`));
  const seven = await expectError(
    await request.post(`/api/v1/claims/${claim.id}/assessments`, {
      headers: bearer("reviewer"),
      data: { evidenceId: item.id, stance: "supports", credibility: 7 },
    }),
    400,
    "BAD_REQUEST",
  );
  expect(Object.keys(seven.error.fieldErrors ?? {})).toContain("credibility");
  const stance = await expectError(
    await request.post(`/api/v1/claims/${claim.id}/assessments`, {
      headers: bearer("reviewer"),
      data: { evidenceId: item.id, stance: "agrees", credibility: 0 },
    }),
    400,
    "BAD_REQUEST",
  );
  expect(Object.keys(stance.error.fieldErrors ?? {})).toEqual(expect.arrayContaining(["stance", "credibility"]));
  const assessments = await json<{ items: unknown[] }>(
    await request.get(`/api/v1/claims/${claim.id}/assessments`, { headers: bearer("reviewer") }),
    200,
    "assessments",
  );
  expect(assessments.items).toEqual([]);
  // A submitter does not assess.
  await expectError(
    await request.post(`/api/v1/claims/${claim.id}/assessments`, {
      headers: bearer("submitter"),
      data: { evidenceId: item.id, stance: "supports", credibility: 2 },
    }),
    403,
    "FORBIDDEN",
  );

  // A source does not cite itself.
  const self = await expectError(
    await request.post(`/api/v1/sources/${source.id}/citations`, { headers: bearer("reviewer"), data: { citesSourceId: source.id } }),
    400,
    "BAD_REQUEST",
  );
  expect(Object.keys(self.error.fieldErrors ?? {})).toContain("citesSourceId");
  expect((await getSourceApi(request, source.id)).cites).toEqual([]);

  // Unknown ids.
  const unknown = "00000000-0000-4000-8000-000000000000";
  await expectError(await request.get(`/api/v1/sources/${unknown}`, { headers: bearer("reviewer") }), 404, "NOT_FOUND");
  await expectError(await request.get("/api/v1/sources/not-a-uuid", { headers: bearer("reviewer") }), 404, "NOT_FOUND");
  await expectError(
    await request.patch(`/api/v1/sources/${unknown}`, { headers: bearer("reviewer"), data: { reliability: "A", version: 1 } }),
    404,
    "NOT_FOUND",
  );
  await expectError(
    await request.post(`/api/v1/sources/${unknown}/citations`, { headers: bearer("reviewer"), data: { citesSourceId: source.id } }),
    404,
    "NOT_FOUND",
  );
  await expectError(await request.get(`/api/v1/claims/${unknown}/origins`, { headers: bearer("reviewer") }), 404, "NOT_FOUND");
  await expectError(
    await request.post(`/api/v1/claims/${unknown}/assessments`, {
      headers: bearer("reviewer"),
      data: { evidenceId: item.id, stance: "supports", credibility: 2 },
    }),
    404,
    "NOT_FOUND",
  );
  // Naming an unknown source in a body is a field error.
  const citesUnknown = await expectError(
    await request.post(`/api/v1/sources/${source.id}/citations`, { headers: bearer("reviewer"), data: { citesSourceId: unknown } }),
    400,
    "BAD_REQUEST",
  );
  expect(Object.keys(citesUnknown.error.fieldErrors ?? {})).toContain("citesSourceId");
  const settled = await settledEvidenceApi(request, "reviewer", item.id);
  const publisherUnknown = await expectError(
    await request.patch(`/api/v1/evidence/${item.id}`, { headers: bearer("reviewer"), data: { publishedBySourceId: unknown, version: settled.version } }),
    400,
    "BAD_REQUEST",
  );
  expect(Object.keys(publisherUnknown.error.fieldErrors ?? {})).toContain("publishedBySourceId");
  expect(await settledEvidenceApi(request, "reviewer", item.id)).toMatchObject({ publishedBySourceId: null, version: settled.version });
});

test("e. the registry shows each source's rating, and a reviewer re-rates one with a rationale kept in its history", async ({ as, request }) => {
  const word = uniqueWord("rate");
  const name = `Coastal monitor ${word}`;
  const page = await as("reviewer");
  const id = await createSourceInUi(page, { name, kind: "organisation", reliability: "B", rationale: `First rating ${word}` });
  expect(await getSourceApi(request, id)).toMatchObject({ name, kind: "organisation", reliability: "B", reliabilityRationale: `First rating ${word}`, version: 1 });
  // The source's page and the list say what the rating is (soft: the rest of the test still runs).
  await expect.soft(page.getByTestId("source-reliability"), "the source page shows the rating").toHaveText("B — usually reliable");
  await page.goto(`/sources?q=${encodeURIComponent(word)}`);
  const row = page.getByTestId("source-list").locator("li").filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("organisation");
  await expect.soft(row, "the list shows the rating").toContainText("B — usually reliable");

  // Re-rated on its page with the rating form; the change is in the source's history.
  await row.getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/sources/${id}$`));
  const form = page.getByTestId("rate-source-form");
  await form.getByLabel("Reliability").selectOption("D");
  await form.getByLabel("Rationale").fill(`Two counts found inflated ${word}`);
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/sources/${id}\\?saved=rated$`));
  await expect(page.getByText("Source saved.")).toBeVisible();
  await expect(form.getByLabel("Reliability")).toHaveValue("D");
  // The source's own details (the history below lists the change's values too, each isolated).
  await expect(page.locator("dl:not([data-testid=audit-timeline] dl)").getByText(`Two counts found inflated ${word}`, { exact: true })).toBeVisible();
  await expect.soft(page.getByTestId("source-reliability"), "the source page shows the new rating").toHaveText("D — not usually reliable");
  const history = page.getByTestId("audit-timeline");
  await expect(history.getByTestId("audit-event")).toHaveCount(2);
  await expect(history.getByTestId("audit-event").nth(0)).toContainText(`Source added · ${PEOPLE.reviewer.name}`);
  await expect(history.getByTestId("audit-event").nth(1)).toContainText(`Source changed · ${PEOPLE.reviewer.name}`);
  expect(await getSourceApi(request, id)).toMatchObject({ reliability: "D", reliabilityRationale: `Two counts found inflated ${word}`, version: 2 });
});

test("e2. the publisher, relay and first-hand mark can come with the upload itself", async ({ request }) => {
  const word = uniqueWord("provenance");
  const claim = await submitClaimApi(request, { title: `Provenance on intake ${word}` });
  const channel = await createSourceApi(request, "reviewer", { name: `Channel ${word}`, kind: "channel", reliability: "D" });
  const file = textFile();
  const response = await request.post(`/api/v1/claims/${claim.id}/evidence`, {
    headers: bearer("reviewer"),
    multipart: { publishedBySourceId: channel.id, isFirstHand: "true", file },
  });
  expect(response.status()).toBe(201);
  const item = (await response.json()) as ApiEvidence & { publishedBySourceId: string; isFirstHand: boolean };
  expect(item.publishedBySourceId).toBe(channel.id);
  expect(item.isFirstHand).toBe(true);
  const unknown = await request.post(`/api/v1/claims/${claim.id}/evidence`, {
    headers: bearer("reviewer"),
    multipart: { publishedBySourceId: "00000000-0000-4000-8000-000000000000", file: textFile() },
  });
  const body = await expectError(unknown, 400, "BAD_REQUEST");
  expect(JSON.stringify(body)).toContain("publishedBySourceId");
  const listed = (await (await request.get(`/api/v1/claims/${claim.id}/evidence`, { headers: bearer("reviewer") })).json()) as { items: unknown[] };
  expect(listed.items).toHaveLength(1);
});

test("e3. without leaving the claim, a reviewer names an item's publisher, creating the source inline", async ({ request, as }) => {
  const word = uniqueWord("inline");
  let claim = await submitClaimApi(request, { title: `Inline provenance ${word}` });
  claim = await transitionApi(request, "reviewer", claim, { action: "accept" });
  await uploadEvidenceApi(request, "reviewer", claim.id);
  const page = await as("reviewer");
  await page.goto(`/claims/${claim.id}`);
  const item = page.getByTestId("evidence-item").first();
  await item.getByText("Where it came from").click();
  const form = item.getByTestId("provenance-form");
  await form.getByText("Not in the list? New source").click();
  await form.locator(`[id^="prov-newSourceName-"]`).fill(`Witness ${word}`);
  await form.locator(`[id^="prov-newSourceKind-"]`).selectOption("person");
  await form.getByLabel(/First-hand/).check();
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(new RegExp(`/claims/${claim.id}\\?done=provenance`));
  await expect(page.getByTestId("form-success")).toContainText("Where it came from: saved.");
  await expect(page.getByTestId("evidence-provenance").first()).toContainText(`Published by Witness ${word}`);
  await expect(page.getByTestId("evidence-provenance").first()).toContainText("first-hand");
});

test("the suggestion weighs the sources' reliability: two origins rated F, assessed 3, one first-hand, are held at single source (issue 17)", async ({ as, request }) => {
  const claim = await acceptedClaim(request, `Weighed sources ${uniqueWord("grade")}`);
  const channel = await createSourceApi(request, "reviewer", { name: `Anonymous channel ${uniqueWord("s")}`, kind: "channel", reliability: "F" });
  const account = await createSourceApi(request, "reviewer", { name: `Unknown account ${uniqueWord("s")}`, kind: "account", reliability: "F" });
  for (const [source, firstHand] of [[channel, true], [account, false]] as const) {
    const item = await settledEvidenceApi(request, "reviewer", (await uploadEvidenceApi(request, "reviewer", claim.id)).id);
    const placed = await setPublisherApi(request, "reviewer", item, { publishedBySourceId: source.id, isFirstHand: firstHand });
    await assessApi(request, "reviewer", claim.id, { evidenceId: placed.id, stance: "supports", credibility: 3 });
  }
  expect(await originsApi(request, claim.id)).toMatchObject({ supporting: 2, suggestedGrade: "single_source", limitedBy: "credibility" });

  const page = await as("reviewer");
  await page.goto(`/claims/${claim.id}`);
  await expect(page.getByTestId("suggested-grade")).toContainText("Single source");
  await expect(page.getByTestId("grade-limited-by")).toContainText("Held back by the items' credibility (assessed 3)");
  await page.getByTestId("grade-limited-by").getByRole("link", { name: "how grades are suggested" }).click();
  await expect(page.getByTestId("grade-rule")).toContainText("never alone");
});
