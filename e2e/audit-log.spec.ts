import { bearer, submitClaimApi, textFile, transitionApi, uploadEvidenceApi, uniqueWord } from "./support/api";
import { expect, PEOPLE, test } from "./support/fixtures";

/**
 * The audit log searched (issue 17, point 6): the page's filters are a GET form (person, event type,
 * entity, time range, order), each event names its entity by title with a link, and a claim's
 * timeline holds its evidence items' events.
 */

test("the audit page filters by event type and person and links each event's entity by its title", async ({ as, request }) => {
  const word = uniqueWord("auditlog");
  const claim = await submitClaimApi(request, { title: `Audit search ${word}` });
  await transitionApi(request, "reviewer", claim, { action: "accept" });

  const page = await as("reviewer");
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { name: "Events, newest first" })).toBeVisible();
  const form = page.getByTestId("audit-filters");
  await form.getByLabel("Person").selectOption({ label: PEOPLE.submitter.name });
  await form.getByLabel("Event type").selectOption("claim.submitted");
  await form.getByRole("button", { name: "Show events" }).click();
  // A plain GET form: the filters are in the address, a link to share.
  await expect(page).toHaveURL(/\/admin\/audit\?.*type=claim\.submitted/);
  expect(new URL(page.url()).searchParams.get("actor")).toMatch(/^[0-9a-f-]{36}$/);
  await expect(form.getByLabel("Event type")).toHaveValue("claim.submitted");

  const events = page.getByTestId("audit-event");
  await expect(events.first()).toBeVisible();
  // Every event shown is a submission by the submitter; the newest is this claim's, named by its title.
  for (const type of await events.evaluateAll((list) => list.map((e) => e.getAttribute("data-type")))) expect(type).toBe("claim.submitted");
  for (const text of await events.allInnerTexts()) expect(text).toContain(`Submitted · ${PEOPLE.submitter.name}`);
  const ours = events.filter({ hasText: claim.title });
  await expect(ours).toHaveCount(1);
  const link = ours.getByTestId("audit-entity").getByRole("link", { name: claim.title, exact: true });
  await expect(link).toHaveAttribute("href", `/claims/${claim.id}`);

  // Another person's filter: the reviewer's acceptance shows, the submission does not.
  await page.goto(`/admin/audit?${new URLSearchParams({ entity: `claim:${claim.id}` })}`);
  await expect(page.getByRole("heading", { name: "Events, oldest first" })).toBeVisible();
  await expect(events).toHaveCount(2);
  await form.getByLabel("Person").selectOption({ label: PEOPLE.reviewer.name });
  await form.getByRole("button", { name: "Show events" }).click();
  await expect(events).toHaveCount(1);
  await expect(events.first()).toContainText(`Accept into corroboration · triage → corroboration · ${PEOPLE.reviewer.name}`);

  // The entity's title leads to it.
  await events.first().getByRole("link", { name: claim.title, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/claims/${claim.id}$`));

  // Nothing matches: the empty state. A range that ends before it starts: the field is named.
  await page.goto(`/admin/audit?${new URLSearchParams({ entity: `claim:${claim.id}`, type: "claim.graded" })}`);
  await expect(page.getByText("No events match these filters.")).toBeVisible();
  await page.goto("/admin/audit?from=2025-02-01&to=2025-01-01");
  await expect(page.getByTestId("audit-filter-error")).toContainText("from: The range starts after it ends");

  // The event types read as words; the pages lead on and back (the log holds more than a page of 50).
  await page.goto("/admin/audit");
  await expect(form.getByLabel("Event type").locator('option[value="claim.person_visibility_changed"]')).toHaveText("Person visibility changed");
  const firstPage = await events.evaluateAll((list) => list.map((e) => e.getAttribute("data-seq")));
  await page.getByRole("link", { name: "Next page →" }).click();
  await expect(events.first()).not.toHaveAttribute("data-seq", firstPage[0]!);
  await page.getByRole("link", { name: "← Previous page" }).click();
  await expect(events.first()).toHaveAttribute("data-seq", firstPage[0]!);
  // The same events as the first page showed (events written meanwhile by other tests are newer still).
  expect(await events.evaluateAll((list) => list.map((e) => e.getAttribute("data-seq")))).toEqual(firstPage);
});

test("the API filters the log and pages it newest first, refusing a cursor of the other direction", async ({ request }) => {
  const claim = await submitClaimApi(request);
  const get = (query: Record<string, string>) => request.get(`/api/v1/audit?${new URLSearchParams(query)}`, { headers: bearer("admin") });
  const first = await get({ type: "claim.submitted", limit: "1" });
  expect(first.status()).toBe(200);
  const page = (await first.json()) as { items: { seq: number; type: string }[]; nextCursor: string };
  expect(page.items.map((e) => e.type)).toEqual(["claim.submitted"]);
  const second = (await (await get({ type: "claim.submitted", limit: "1", cursor: page.nextCursor })).json()) as { items: { seq: number }[] };
  expect(second.items[0].seq).toBeLessThan(page.items[0].seq);
  const wrongWay = await get({ type: "claim.submitted", order: "asc", cursor: page.nextCursor });
  expect(wrongWay.status()).toBe(400);
  expect(((await wrongWay.json()) as { error: { fieldErrors: Record<string, string[]> } }).error.fieldErrors).toHaveProperty("cursor");
  const badType = await get({ type: "claim.nonsense" });
  expect(badType.status()).toBe(400);
  expect(((await badType.json()) as { error: { fieldErrors: Record<string, string[]> } }).error.fieldErrors).toHaveProperty("type");
  const own = (await (await get({ entity: `claim:${claim.id}` })).json()) as { items: { type: string }[] };
  expect(own.items.map((e) => e.type)).toEqual(["claim.submitted"]);
});

test("a claim's timeline shows its evidence's upload, naming the item", async ({ as, request }) => {
  const claim = await submitClaimApi(request);
  const file = textFile();
  const item = await uploadEvidenceApi(request, "submitter", claim.id, file);
  const page = await as("submitter");
  await page.goto(`/claims/${claim.id}`);
  const timeline = page.getByTestId("audit-timeline");
  const upload = timeline.locator('[data-testid="audit-event"][data-type="evidence.added"]');
  await expect(upload).toHaveCount(1);
  await expect(upload).toContainText(`Added by upload · ${PEOPLE.submitter.name}`);
  await expect(upload.getByRole("link", { name: file.name })).toHaveAttribute("href", `/evidence/${item.id}`);
  // Oldest first: the submission, then the upload.
  await expect(timeline.getByTestId("audit-event").first()).toHaveAttribute("data-type", "claim.submitted");
});
