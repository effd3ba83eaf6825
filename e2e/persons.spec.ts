import type { APIRequestContext } from "@playwright/test";
import { bearer, claimInReview, submitClaimApi } from "./support/api";
import { expect, PEOPLE, test } from "./support/fixtures";

/**
 * Named persons (issue 5): one person per person across scripts and spellings. Typing a name
 * shows who it may already be; a list import proposes matches to confirm or reject; merges are
 * reversible. Each test uses names of its own, so the shared database does not blur them.
 */

type ApiPerson = { id: string; names: { name: string; script: string }[]; claims: { claimId: string; role: string }[]; merged: { id: string }[] };
type ApiLink = { linkId: string; role: string; isPublic: boolean; basis: string | null; version: number; person: ApiPerson };

async function addPersonApi(request: APIRequestContext, claimId: string, names: string[], role = "victim", details: Record<string, unknown> = {}): Promise<ApiLink> {
  const response = await request.post(`/api/v1/claims/${claimId}/persons`, { headers: bearer("reviewer"), data: { role, names, ...details } });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

async function personApi(request: APIRequestContext, id: string): Promise<ApiPerson> {
  const response = await request.get(`/api/v1/persons/${id}`, { headers: bearer("reviewer") });
  expect(response.status()).toBe(200);
  return response.json();
}

test("typing a name shows the person already held in Arabic script, and links instead of duplicating", async ({ as, request }) => {
  const first = await submitClaimApi(request, { kind: "person" });
  const held = await addPersonApi(request, first.id, ["محمد علي حيدر"]);
  const second = await submitClaimApi(request, { kind: "person" });

  const page = await as("reviewer");
  await page.goto(`/claims/${second.id}`);
  const form = page.getByTestId("add-person-form");
  await form.getByLabel("Name").fill("Mohammad Ali Haidar");
  const candidates = form.getByTestId("person-candidates");
  const candidate = candidates.getByRole("listitem").filter({ hasText: "محمد علي حيدر" });
  await expect(candidate).toBeVisible();
  await expect(candidate).toContainText(/Score \d+%/);
  await expect(candidate.getByLabel("Why").getByRole("listitem").first()).toBeVisible();
  await candidate.getByRole("button", { name: "Same person: link" }).click();

  await expect(form.getByTestId("form-success")).toContainText("Linked to the existing person");
  const listed = page.getByTestId("claim-person");
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText("محمد علي حيدر");
  await expect(listed).toContainText("Mohammad Ali Haidar");
  // Linked, not published: every name is private until marked publishable.
  await expect(listed.getByTestId("name-status")).toHaveText("Private");

  const person = await personApi(request, held.person.id);
  expect(person.names.map((n) => [n.name, n.script])).toEqual([["محمد علي حيدر", "arabic"], ["Mohammad Ali Haidar", "latin"]]);
  expect(person.claims.map((c) => c.claimId).sort()).toEqual([first.id, second.id].sort());

  // Named here by mistake: removing asks first, and the person stays with their names.
  await listed.getByRole("button", { name: /^Remove from this claim: / }).click();
  await listed.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(page.getByTestId("claim-person")).toHaveCount(0);
  await expect(page.getByText("No persons named yet")).toBeVisible();
  expect((await personApi(request, held.person.id)).claims.map((c) => c.claimId)).toEqual([first.id]);
});

test("a list import proposes matches; one confirmed, one rejected, and the rest imported as new", async ({ as, request }) => {
  const earlier = await submitClaimApi(request, { kind: "casualty_count" });
  const khaddour = await addPersonApi(request, earlier.id, ["Yousef Salman Khaddour"], "victim", { age: 47, placeName: "Jableh", incidentDate: "2025-03-08" });
  const ghanem = await addPersonApi(request, earlier.id, ["نزار إبراهيم غانم"]);
  const claim = await submitClaimApi(request, { kind: "casualty_count" });

  const page = await as("reviewer");
  await page.goto(`/claims/${claim.id}`);
  await page.getByRole("link", { name: "Import a list" }).click();
  await expect(page.getByRole("heading", { name: "Import a list of persons" })).toBeVisible();
  await page.getByRole("textbox", { name: "The list" }).fill(["1. يوسف سلمان خضور", "2. Nizar Ibrahim Ghanem", "3. Nezar Ibraheem Ghanim", "4. Samer Adel Makhlouf"].join("\n"));
  await page.getByRole("button", { name: "Preview" }).click();

  await expect(page.getByTestId("import-summary")).toContainText("4 rows");
  const groups = page.getByTestId("import-group");
  const yousef = groups.filter({ hasText: "يوسف سلمان خضور" });
  const nizar = groups.filter({ hasText: "Nizar Ibrahim Ghanem" });
  // Rows 2 and 3 are taken as one person, and both groups may be a person already held: the
  // proposals show who that person is (age, place, date), and none is ticked for the reviewer.
  await expect(nizar).toContainText("Nezar Ibraheem Ghanim");
  const held = (group: typeof yousef, name: string) => group.locator("label").filter({ hasText: name });
  await expect(held(yousef, "Yousef Salman Khaddour").getByTestId("held-details")).toHaveText("age 47 · Jableh · 2025-03-08");
  await expect(held(yousef, "Yousef Salman Khaddour")).toContainText("the closest match");
  await expect(held(nizar, "نزار إبراهيم غانم").getByTestId("held-details")).toHaveText("age unknown · place unknown · date unknown");
  const radios = page.getByTestId("import-group").getByRole("radio");
  expect(await radios.count()).toBeGreaterThanOrEqual(6);
  for (const radio of await radios.all()) await expect(radio).not.toBeChecked();
  const importButton = page.getByRole("button", { name: "Import 4 rows" });
  await expect(importButton).toBeDisabled();
  await expect(page.getByTestId("import-open")).toContainText("still open");

  // Confirm Yousef; take rows 2 and 3 as one man, and reject the match for him (a different man of the same name).
  await yousef.getByRole("radio", { name: /Yousef Salman Khaddour/ }).check();
  await nizar.getByRole("radio", { name: "These rows are one person" }).check();
  await nizar.getByRole("radio", { name: "A new person (none of these)" }).check();
  // Any other group the shared database may propose a match for: a new person.
  for (const other of await groups.filter({ hasNotText: "Yousef Salman Khaddour" }).filter({ hasNotText: "Nizar Ibrahim Ghanem" }).all()) {
    await other.getByRole("radio", { name: "A new person (none of these)" }).check();
  }
  await expect(page.getByTestId("import-open")).toHaveCount(0);
  await importButton.click();
  await expect(page.getByTestId("import-result")).toContainText("Imported 4 rows: 2 new persons, 1 matched to persons already held");

  await page.getByRole("link", { name: "Back to the claim" }).click();
  const listed = page.getByTestId("claim-person");
  await expect(listed).toHaveCount(3);
  await expect(listed.filter({ hasText: "Yousef Salman Khaddour" })).toContainText("يوسف سلمان خضور");
  await expect(listed.filter({ hasText: "Nizar Ibrahim Ghanem" })).toContainText("Nezar Ibraheem Ghanim");
  await expect(listed.filter({ hasText: "نزار إبراهيم غانم" })).toHaveCount(0);
  // Imported names are private, like every name until it is marked publishable.
  for (const row of await listed.all()) await expect(row.getByTestId("name-status")).toHaveText("Private");

  expect((await personApi(request, khaddour.person.id)).claims.map((c) => c.claimId)).toContain(claim.id);
  expect((await personApi(request, ghanem.person.id)).claims.map((c) => c.claimId)).not.toContain(claim.id);
  const audit = await request.get(`/api/v1/audit?entity=claim:${claim.id}`, { headers: bearer("reviewer") });
  const imported = ((await audit.json()) as { items: { type: string; data: { rejectedMatches: number; created: string[] } }[] }).items.find((e) => e.type === "claim.persons_imported");
  expect(imported?.data.rejectedMatches).toBe(1);
  expect(imported?.data.created).toHaveLength(2);
});

test("a name is published only on a chosen basis; `other` must be stated; it can be made private again", async ({ as, request }) => {
  const claim = await submitClaimApi(request, { kind: "person" });
  const link = await addPersonApi(request, claim.id, ["Kinan Basis Haddad"]);
  expect([link.isPublic, link.basis]).toEqual([false, null]);
  // The API's refusals name the field: no basis, or `other` unstated.
  const patch = (data: Record<string, unknown>) => request.patch(`/api/v1/claims/${claim.id}/persons/${link.linkId}`, { headers: bearer("editor"), data: { version: link.version, ...data } });
  for (const [data, field] of [[{ isPublic: true }, "basis"], [{ isPublic: true, basis: "other" }, "basisNote"]] as const) {
    const refused = await patch(data);
    expect(refused.status()).toBe(400);
    expect(Object.keys(((await refused.json()) as { error: { fieldErrors: Record<string, string[]> } }).error.fieldErrors)).toEqual([field]);
  }

  const page = await as("reviewer");
  await page.goto(`/claims/${claim.id}`);
  const listed = page.getByTestId("claim-person").filter({ hasText: "Kinan Basis Haddad" });
  await expect(listed.getByTestId("name-status")).toHaveText("Private");
  await listed.getByRole("button", { name: "Mark name publishable: Kinan Basis Haddad" }).click();
  const form = listed.getByTestId("publish-name-form");
  const basis = form.getByLabel("Basis for publishing the name (required)");
  // Nothing is chosen for the reviewer, and the browser holds the form back until a basis is.
  await expect(basis).toHaveValue("");
  await form.getByRole("button", { name: "Mark publishable" }).click();
  expect(await basis.evaluate((el: HTMLSelectElement) => el.validity.valueMissing)).toBe(true);
  await basis.selectOption("other");
  const note = form.getByLabel("The basis, stated (required)");
  expect(await note.evaluate((el: HTMLInputElement) => el.required)).toBe(true);
  await note.fill("Named by the provincial health directorate's published list");
  await form.getByRole("button", { name: "Mark publishable" }).click();
  const status = listed.getByTestId("name-status");
  await expect(status).toContainText("Public — basis: Other (stated)");
  await expect(status).toContainText("Named by the provincial health directorate's published list");
  await expect(status).toContainText(`approved by ${PEOPLE.reviewer.name}`);

  // Withdrawn after a confirmation: private again, the basis gone.
  await listed.getByRole("button", { name: "Make private: Kinan Basis Haddad" }).click();
  await listed.getByRole("button", { name: "Make private", exact: true }).click();
  await expect(status).toHaveText("Private");
  const after = (await (await request.get(`/api/v1/claims/${claim.id}/persons`, { headers: bearer("editor") })).json()) as { items: ApiLink[] };
  expect(after.items.find((l) => l.linkId === link.linkId)).toMatchObject({ isPublic: false, basis: null, version: link.version + 2 });
});

test("persons imported onto a claim in review are shown to the editor until checked", async ({ as, request }) => {
  const claim = await claimInReview(request, { kind: "casualty_count" });
  const imported = await request.post(`/api/v1/claims/${claim.id}/persons/import`, {
    headers: bearer("reviewer"),
    data: { role: "victim", text: "Late Listed Tammam\nLate Listed Qusay", groups: [{ rows: [1], personId: null }, { rows: [2], personId: null }] },
  });
  expect(imported.status(), await imported.text()).toBe(201);

  const editor = await as("editor");
  await editor.goto(`/claims/${claim.id}`);
  const notice = editor.getByTestId("import-notice");
  await expect(notice).toContainText("2 persons were imported while this claim was in review — check them before publishing");
  await notice.getByRole("button", { name: "I have checked them" }).click();
  await expect(notice).toHaveCount(0);
  await editor.reload();
  await expect(editor.getByTestId("import-notice")).toHaveCount(0);
  const audit = (await (await request.get(`/api/v1/audit?entity=claim:${claim.id}`, { headers: bearer("editor") })).json()) as { items: { type: string; data: Record<string, unknown> }[] };
  expect(audit.items.map((e) => e.type)).toEqual(expect.arrayContaining(["claim.persons_imported", "claim.import_notice_dismissed"]));
});

test("a merge is confirmed first, then undone by a split", async ({ as, request }) => {
  const claim = await submitClaimApi(request, { kind: "person" });
  const arabic = await addPersonApi(request, claim.id, ["وسيم عيسى شعبان"]);
  const latin = await addPersonApi(request, claim.id, ["Wassim Issa Shaaban"]);

  const page = await as("reviewer");
  await page.goto(`/persons/${arabic.person.id}`);
  await expect(page.getByTestId("person-name")).toHaveText("وسيم عيسى شعبان");
  const candidate = page.getByTestId("merge-candidate").filter({ hasText: "Wassim Issa Shaaban" });
  await candidate.getByRole("button", { name: "Merge into this person…" }).click();
  await candidate.getByPlaceholder(/Why they are one person/).fill("Same man: same father, same village.");
  await candidate.getByRole("button", { name: "Confirm merge" }).click();
  await expect(page.getByTestId("person-name-forms")).toContainText("Wassim Issa Shaaban");
  expect((await personApi(request, latin.person.id)).id).toBe(arabic.person.id);

  const merged = page.getByTestId("merged-person");
  await merged.getByRole("button", { name: "Split off…" }).click();
  await merged.getByRole("button", { name: "Confirm split" }).click();
  await expect(page.getByTestId("person-name-forms")).not.toContainText("Wassim Issa Shaaban");
  expect((await personApi(request, latin.person.id)).id).toBe(latin.person.id);
});

test("the API matches and reconciles names, and refuses bad input in the error shape", async ({ request }) => {
  const claim = await submitClaimApi(request, { kind: "person" });
  const held = await addPersonApi(request, claim.id, ["ربيع سليمان ديوب"]);
  const match = await request.post("/api/v1/persons/match", { headers: bearer("editor"), data: { name: "Rabih Suleiman Dayoub" } });
  expect(match.status()).toBe(200);
  const { candidates } = (await match.json()) as { candidates: { person: { id: string }; score: number; reasons: { code: string }[] }[] };
  expect(candidates[0]?.person.id).toBe(held.person.id);
  expect(candidates[0].reasons.length).toBeGreaterThan(0);

  const names = [
    { id: "a", name: "خالد محمود إسماعيل" },
    { id: "b", name: "Khaled Mahmoud Ismail" },
    { id: "c", name: "Khalil Mahmoud Ismail" },
    { id: "d", name: "Khalid Mahmud Ismaeel" },
  ];
  const before = await request.get("/api/v1/audit/verify", { headers: bearer("admin") });
  const reconcile = await request.post("/api/v1/persons/reconcile", { headers: bearer("submitter"), data: { names } });
  expect(reconcile.status()).toBe(200);
  const { clusters } = (await reconcile.json()) as { clusters: string[][] };
  expect(clusters.flat().sort()).toEqual(["a", "b", "c", "d"]);
  expect(clusters.find((c) => c.includes("a"))!.sort()).toEqual(["a", "b", "d"]);
  const after = await request.get("/api/v1/audit/verify", { headers: bearer("admin") });
  expect((await after.json()).events).toBe((await before.json()).events);

  const duplicate = await request.post("/api/v1/persons/reconcile", { headers: bearer("submitter"), data: { names: [names[0], { ...names[1], id: "a" }] } });
  expect(duplicate.status()).toBe(400);
  const body = (await duplicate.json()) as { error: { code: string; fieldErrors: Record<string, string[]> } };
  expect(body.error.code).toBe("BAD_REQUEST");
  expect(body.error.fieldErrors["names.1.id"]).toEqual(['Duplicate id "a".']);
  expect((await request.post("/api/v1/persons/match", { headers: bearer("admin"), data: { name: "Ali" } })).status()).toBe(403);
  expect((await request.post("/api/v1/persons/match", { data: { name: "Ali" } })).status()).toBe(401);
  expect((await request.post("/api/v1/persons/match", { headers: bearer("editor"), data: { name: "" } })).status()).toBe(400);
});
