import { bearer, transitionApi, uniqueWord } from "./support/api";
import { expect, test } from "./support/fixtures";
import { acceptedClaimApi, addPersonApi, attachSourcedItem, createSourceApi, markNamePublishableApi, recordFigureApi } from "./support/public";

/**
 * Issue 24 in the browser: a reviewer makes an incident from a claim, records the persons the
 * claim names as victims, finds it on the map and the timeline; another editor publishes it; the
 * public reads its page in both languages, with the named victim and the tally.
 */
test("an incident made from a claim, its victims, the map and the timeline, published and read in both languages", async ({ as, request }) => {
  test.setTimeout(180_000);
  const word = uniqueWord("incident");
  const monitor = await createSourceApi(request, { name: `Coastal monitor ${word}`, kind: "organisation", reliability: "B" });
  let claim = await acceptedClaimApi(request, {
    kind: "casualty_count",
    title: `Killings in al-Qusour ${word}`,
    placeName: `al-Qusour ${word}`,
    latitude: 35.19,
    longitude: 35.95,
    placePrecision: "vicinity",
    incidentDateFrom: "2025-03-07",
    incidentDateTo: "2025-03-08",
  });
  const named = await addPersonApi(request, claim.id, { role: "victim", names: [`Samir Haddad ${word}`, `سمير حداد ${word}`], age: 41, sex: "male" });
  await markNamePublishableApi(request, claim.id, named, "family_consent");
  const unnamed = await addPersonApi(request, claim.id, { role: "victim", names: [`Private Victim ${word}`] });
  await recordFigureApi(request, claim.id, { measure: "killed", valueMin: 30, valueMax: 42, scopePlace: `al-Qusour ${word}`, asOf: "2025-03-10", sourceId: monitor.id });
  await attachSourcedItem(request, claim.id, { name: `list-${word}.txt`, mimeType: "text/plain", buffer: Buffer.from(`The monitor's list ${word}\n`) }, { publishedBySourceId: monitor.id });

  // From the claim's page: a new incident, linked to it at once.
  const reviewer = await as("reviewer");
  await reviewer.goto(`/claims/${claim.id}`);
  const panel = reviewer.getByTestId("claim-incidents");
  await expect(panel).toContainText("This claim is not linked to any incident.");
  await panel.getByText("Create an incident from this claim").click();
  const form = panel.getByTestId("create-incident-form");
  await form.getByLabel("Title", { exact: true }).fill(`Killings in al-Qusour ${word}`);
  await expect(form.getByLabel("Title in Arabic")).toBeVisible();
  await form.getByLabel("Title in Arabic").fill(`القتل في حي القصور ${word}`);
  await form.getByLabel("Place", { exact: true }).fill(`al-Qusour ${word}`);
  await form.getByLabel("Place precision").selectOption("vicinity");
  await form.getByLabel("Latitude").fill("35.19");
  await form.getByLabel("Longitude").fill("35.95");
  await form.getByLabel("From").fill("2025-03-07");
  await form.getByLabel("To").fill("2025-03-08");
  await form.getByRole("button", { name: "Create the incident" }).click();
  await expect(reviewer.getByText("Incident created.")).toBeVisible();
  const incidentId = new URL(reviewer.url()).pathname.split("/").pop()!;
  await expect(reviewer.getByTestId("incident-title")).toHaveText(`Killings in al-Qusour ${word}`);
  await expect(reviewer.getByTestId("incident-translated-title")).toHaveText(`القتل في حي القصور ${word}`);
  await expect(reviewer.getByTestId("incident-claims")).toContainText(claim.title);
  // Its tally already reads the claim's figure; no one is recorded yet.
  await expect(reviewer.getByTestId("tally-line")).toHaveText("0 named of 30–42 reported");

  // The persons the claim names are offered as victims: both recorded.
  await expect(reviewer.getByText("2 persons named in its claims are not recorded yet.")).toBeVisible();
  const record = async (name: string, cause: string) => {
    const victims = reviewer.getByTestId("casualty-form");
    const person = victims.getByLabel("Person");
    await person.selectOption((await person.locator("option", { hasText: name }).getAttribute("value"))!);
    await victims.getByLabel("Cause of death").selectOption(cause);
    await victims.getByLabel("Status").selectOption("civilian");
    await victims.getByLabel("Source").selectOption({ label: `Coastal monitor ${word}` });
    await victims.getByRole("button", { name: "Record" }).click();
    await expect(reviewer.getByText("Victim recorded.")).toBeVisible();
  };
  await record(`Samir Haddad ${word}`, "shot");
  await record(`Private Victim ${word}`, "burned");
  await expect(reviewer.getByTestId("incident-victims").locator("tbody tr")).toHaveCount(2);
  await expect(reviewer.getByTestId("tally-line")).toHaveText("2 named of 30–42 reported");
  // A reviewer does not publish; the page says what publishing needs.
  await expect(reviewer.getByTestId("incident-publication")).toHaveCount(0);

  // On the map (its area drawn, a marker to select) and on the timeline, linked to each other.
  await reviewer.goto(`/incidents?view=map&q=${encodeURIComponent(word)}`);
  const map = reviewer.getByTestId("incident-map");
  await expect(map.locator(`.leaflet-marker-icon [data-incident-id="${incidentId}"]`)).toHaveCount(1);
  await expect(map.locator("path.leaflet-interactive").first()).toBeVisible();
  const bar = reviewer.getByTestId("timeline-bar").and(reviewer.locator(`[data-incident-id="${incidentId}"]`));
  await bar.click();
  await expect(bar).toHaveAttribute("aria-pressed", "true");
  await expect(reviewer.locator(".leaflet-popup-content")).toContainText(`Killings in al-Qusour ${word}`);

  // The claim is published; another editor than the last to change the incident publishes it.
  claim = await transitionApi(request, "reviewer", claim, { action: "send_to_review", grade: "probable", rationale: "The monitor's list and a relative." });
  await transitionApi(request, "editor2", claim, { action: "publish" });
  const editor = await as("editor");
  await editor.goto(`/incidents/${incidentId}`);
  const publication = editor.getByTestId("incident-publication");
  await publication.getByRole("button", { name: "Publish the incident" }).click();
  await publication.getByRole("button", { name: "Publish it now" }).click();
  await expect(editor.getByText("Incident published.")).toBeVisible();
  await expect(editor.getByTestId("incident-state")).toContainText("Published, version 1");
  const publicHref = await editor.getByTestId("incident-public-link").getAttribute("href");
  expect(publicHref).toMatch(/^\/events\/killings-in-al-qusour-/);

  // The public page, signed out, in English and in Arabic.
  const english = await request.get(publicHref!);
  expect(english.status()).toBe(200);
  const en = await english.text();
  expect(en).toContain(`Killings in al-Qusour ${word}`);
  expect(en).toContain(`Samir Haddad ${word}`);
  expect(en).toContain("2 victims recorded, 1 published by name; sources report 30–42 killed");
  expect(en).toContain("One more victim is recorded whose name is not published.");
  expect(en).not.toContain(`Private Victim ${word}`);
  const arabic = await request.get(`/ar${publicHref}`);
  expect(arabic.status()).toBe(200);
  const ar = await arabic.text();
  expect(ar).toContain('lang="ar" dir="rtl"');
  expect(ar).toContain(`القتل في حي القصور ${word}`);
  expect(ar).toContain(`سمير حداد ${word}`);
  expect(ar).not.toContain(`Private Victim ${word}`);
  const listed = await (await request.get("/api/v1/public/incidents")).json();
  expect((listed as { items: { title: string }[] }).items.map((i) => i.title)).toContain(`Killings in al-Qusour ${word}`);
  const csv = await (await request.get(`/api/v1/public${publicHref!.replace("/events", "/incidents")}/victims.csv`)).text();
  expect(csv).toContain(`Samir Haddad ${word}`);
  expect(csv).not.toContain(`Private Victim ${word}`);
  // The private victim stays a person of the workspace, recorded on the incident.
  const detail = await (await request.get(`/api/v1/incidents/${incidentId}`, { headers: bearer("reviewer") })).json();
  expect((detail as { casualties: { person: { id: string } }[] }).casualties.map((c) => c.person.id)).toContain(unnamed.person.id);
});
