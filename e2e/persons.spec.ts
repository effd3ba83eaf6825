import type { APIRequestContext } from "@playwright/test";
import { bearer, submitClaimApi } from "./support/api";
import { expect, test } from "./support/fixtures";

/**
 * Named persons (issue 5): one person per person across scripts and spellings. Typing a name
 * shows who it may already be; a list import proposes matches to confirm or reject; merges are
 * reversible. Each test uses names of its own, so the shared database does not blur them.
 */

type ApiPerson = { id: string; names: { name: string; script: string }[]; claims: { claimId: string; role: string }[]; merged: { id: string }[] };
type ApiLink = { linkId: string; role: string; isPublic: boolean; person: ApiPerson };

async function addPersonApi(request: APIRequestContext, claimId: string, names: string[], role = "victim"): Promise<ApiLink> {
  const response = await request.post(`/api/v1/claims/${claimId}/persons`, { headers: bearer("reviewer"), data: { role, names } });
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
  await expect(listed).toContainText("Public");

  const person = await personApi(request, held.person.id);
  expect(person.names.map((n) => [n.name, n.script])).toEqual([["محمد علي حيدر", "arabic"], ["Mohammad Ali Haidar", "latin"]]);
  expect(person.claims.map((c) => c.claimId).sort()).toEqual([first.id, second.id].sort());

  // Named here by mistake: removing asks first, and the person stays with their names.
  await listed.getByRole("button", { name: /Remove .* from this claim/ }).click();
  await listed.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(page.getByTestId("claim-person")).toHaveCount(0);
  await expect(page.getByText("No persons named yet")).toBeVisible();
  expect((await personApi(request, held.person.id)).claims.map((c) => c.claimId)).toEqual([first.id]);
});

test("a list import proposes matches; one confirmed, one rejected, and the rest imported as new", async ({ as, request }) => {
  const earlier = await submitClaimApi(request, { kind: "casualty_count" });
  const khaddour = await addPersonApi(request, earlier.id, ["Yousef Salman Khaddour"]);
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
  // Rows 2 and 3 are taken as one person; both proposals preselect the person already held.
  await expect(nizar).toContainText("Nezar Ibraheem Ghanim");
  await expect(yousef.getByRole("radio", { name: /Yousef Salman Khaddour/ })).toBeChecked();
  await expect(nizar.getByRole("radio", { name: /نزار إبراهيم غانم/ })).toBeChecked();
  await expect(nizar.getByRole("radio", { name: "These rows are one person" })).toBeChecked();

  // Confirm Yousef; reject the match for Nizar (a different man of the same name).
  await nizar.getByRole("radio", { name: "A new person (none of these)" }).check();
  await page.getByRole("button", { name: "Import 4 rows" }).click();
  await expect(page.getByTestId("import-result")).toContainText("Imported 4 rows: 2 new persons, 1 matched to persons already held");

  await page.getByRole("link", { name: "Back to the claim" }).click();
  const listed = page.getByTestId("claim-person");
  await expect(listed).toHaveCount(3);
  await expect(listed.filter({ hasText: "Yousef Salman Khaddour" })).toContainText("يوسف سلمان خضور");
  await expect(listed.filter({ hasText: "Nizar Ibrahim Ghanem" })).toContainText("Nezar Ibraheem Ghanim");
  await expect(listed.filter({ hasText: "نزار إبراهيم غانم" })).toHaveCount(0);

  expect((await personApi(request, khaddour.person.id)).claims.map((c) => c.claimId)).toContain(claim.id);
  expect((await personApi(request, ghanem.person.id)).claims.map((c) => c.claimId)).not.toContain(claim.id);
  const audit = await request.get(`/api/v1/audit?entity=claim:${claim.id}`, { headers: bearer("reviewer") });
  const imported = ((await audit.json()) as { items: { type: string; data: { rejectedMatches: number; created: string[] } }[] }).items.find((e) => e.type === "claim.persons_imported");
  expect(imported?.data.rejectedMatches).toBe(1);
  expect(imported?.data.created).toHaveLength(2);
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
