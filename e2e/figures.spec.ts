import type { APIRequestContext, APIResponse, Page } from "@playwright/test";
import { type ApiClaim, bearer, submitClaimApi, transitionApi, uniqueWord } from "./support/api";
import { expectError } from "./support/evidence-api";
import { expect, test } from "./support/fixtures";
import { ClaimPage } from "./support/pages";

/**
 * Reported figures: a reviewer records what three sources reported for one scope on the claim
 * page, then reads the series on its own page — chart, range sentence, table — and the API says
 * the same, refusing bad input with field errors and writing nothing.
 */

type ApiFigure = {
  id: string;
  claimId: string;
  measure: string;
  valueMin: number;
  valueMax: number;
  scope: { place: string; periodFrom: string | null; periodTo: string | null; key: string };
  asOf: string;
  source: { id: string; name: string; reliability: string; protected: boolean };
  note: string | null;
};

async function body<T>(response: APIResponse, status: number, what: string): Promise<T> {
  const text = await response.text();
  expect(response.status(), `${what}: ${text}`).toBe(status);
  return JSON.parse(text) as T;
}

async function createSource(request: APIRequestContext, name: string): Promise<{ id: string; name: string }> {
  return body(await request.post("/api/v1/sources", { headers: bearer("reviewer"), data: { name, kind: "organisation", reliability: "B" } }), 201, `source ${name}`);
}

/** A claim the reviewer accepted into corroboration, where figures can be recorded. */
async function openClaim(request: APIRequestContext, title: string): Promise<ApiClaim> {
  const submitted = await submitClaimApi(request, { kind: "casualty_count", title });
  return transitionApi(request, "reviewer", submitted, { action: "accept" });
}

/** Fills the claim page's figure form and submits it; waits for its confirmation. */
async function recordInUi(page: Page, f: { value?: number; range?: [number, number]; place: string; from: string; to: string; asOf: string; source: string; note?: string }) {
  const form = page.getByTestId("figure-form");
  await form.getByLabel("Measure").selectOption("killed");
  if (f.range) {
    await form.getByRole("button", { name: "A range" }).click();
    await form.getByLabel("At least").fill(String(f.range[0]));
    await form.getByLabel("At most").fill(String(f.range[1]));
  } else {
    await form.getByRole("button", { name: "One value" }).click();
    await form.getByLabel("Value", { exact: true }).fill(String(f.value));
  }
  await form.getByLabel("Place").fill(f.place);
  await form.getByLabel("Period from (optional)").fill(f.from);
  await form.getByLabel("Period to (optional)").fill(f.to);
  await form.getByLabel("As of").fill(f.asOf);
  await form.getByLabel("Source").selectOption({ label: f.source });
  await form.getByLabel("Note (optional)").fill(f.note ?? "");
  await form.getByRole("button", { name: "Record figure" }).click();
}

test("a reviewer records one scope's figures from three sources and reads the series", async ({ as, request }) => {
  test.setTimeout(120_000);
  const run = uniqueWord("fig");
  const place = `Coastal villages ${run}`;
  const [monitor, wire, network] = await Promise.all(["Monitor", "Wire", "Network"].map((n) => createSource(request, `${n} ${run}`)));
  const claim = await openClaim(request, `Toll on the coast ${run}`);
  const page = await as("reviewer");
  const claimPage = new ClaimPage(page);
  await claimPage.goto(claim.id);
  const panel = page.getByTestId("figures-panel");
  await expect(panel.getByTestId("figures-empty")).toBeVisible();

  const scope = { place, from: "2025-03-06", to: "2025-03-10" };
  const reports = [
    { ...scope, value: 745, asOf: "2025-03-08", source: monitor.name },
    { ...scope, value: 973, asOf: "2025-03-10", source: network.name },
    { ...scope, range: [1000, 1500] as [number, number], asOf: "2025-03-11", source: wire.name, note: "Citing local sources." },
    // Another spelling of the same place still joins the series.
    { ...scope, place: `  ${place.toUpperCase()}.`, value: 1383, asOf: "2025-03-12", source: monitor.name, note: "Expected to rise." },
  ];
  for (const [i, report] of reports.entries()) {
    await recordInUi(page, report);
    await expect(page.getByTestId("figure-form").getByTestId("form-success")).toHaveText("Figure recorded.");
    await expect(panel.getByTestId("figure-item")).toHaveCount(i + 1);
  }

  // A range upside down is refused with a field error, and nothing is added.
  await recordInUi(page, { ...scope, range: [900, 800], asOf: "2025-03-12", source: wire.name });
  const form = page.getByTestId("figure-form");
  await expect(form.getByTestId("form-error")).toBeVisible();
  await expect(form.getByText("The maximum is below the minimum.")).toBeVisible();
  await expect(form.getByLabel("At most")).toHaveAttribute("aria-invalid", "true");
  await page.reload();
  await expect(panel.getByTestId("figure-item")).toHaveCount(4);

  const sentence = `1,383 reported by ${monitor.name} as of 12 March 2025; 973–1,500 across 3 sources; none named yet.`;
  await expect(panel.getByTestId("figure-headline")).toHaveCount(1);
  await expect(panel.getByTestId("figure-sentence")).toHaveText(sentence);
  await panel.screenshot({ path: test.info().outputPath("claim-figures-panel.png") });

  await panel.getByRole("link", { name: "See the series over time →" }).click();
  await expect(page).toHaveURL(/\/figures\?measure=killed&scope=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(reports[3].place.trim());
  await expect(page.getByTestId("series-sentence")).toHaveText(sentence);
  const chart = page.getByTestId("series-chart");
  await expect(chart.locator('svg[role="img"]')).toHaveAttribute("aria-label", /4 reports from 3 sources/);
  await expect(chart.getByTestId("chart-series")).toHaveCount(3);
  await expect(chart.locator(`[data-testid="chart-series"][data-source="${monitor.name}"] [data-testid="chart-point"]`)).toHaveCount(2);
  await expect(chart.getByTestId("chart-legend").locator("li")).toHaveCount(3);
  const rows = page.getByTestId("figure-table").getByTestId("figure-row");
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText(`${monitor.name}8 March 2025745`);
  await expect(rows.nth(2)).toContainText(`${wire.name}11 March 20251,000–1,500`);
  await expect(rows.nth(3)).toContainText(`${monitor.name}12 March 20251,383Expected to rise.`);
  await page.screenshot({ path: test.info().outputPath("scope-page.png"), fullPage: true });

  // The index lists the series with its counts.
  await page.getByRole("link", { name: "← All figures" }).click();
  await expect(page.getByTestId("scope-item").filter({ hasText: place })).toContainText("4 reports · 3 sources · latest as of 12 March 2025");
});

test("the figures API records, lists and answers a series; bad input is a 400 with field errors and writes nothing", async ({ request }) => {
  const run = uniqueWord("figapi");
  const source = await createSource(request, `Monitor ${run}`);
  const claim = await openClaim(request, `Toll by API ${run}`);
  const url = `/api/v1/claims/${claim.id}/figures`;
  const input = { measure: "killed", value: 1383, scopePlace: `Baniyas ${run}`, scopePeriodFrom: "2025-03-06", scopePeriodTo: "2025-03-10", asOf: "2025-03-12", sourceId: source.id };

  const figure = await body<ApiFigure>(await request.post(url, { headers: bearer("submitter"), data: input }), 201, "record");
  expect(figure).toMatchObject({
    claimId: claim.id,
    measure: "killed",
    valueMin: 1383,
    valueMax: 1383,
    scope: { place: input.scopePlace, periodFrom: "2025-03-06", periodTo: "2025-03-10", key: `baniyas ${run.toLowerCase()}|2025-03-06|2025-03-10` },
    asOf: "2025-03-12",
    source: { id: source.id, name: source.name, reliability: "B", protected: false },
  });
  const ranged = await body<ApiFigure>(await request.post(url, { headers: bearer("reviewer"), data: { ...input, value: undefined, valueMin: 1000, valueMax: 1300, asOf: "2025-03-10" } }), 201, "record a range");
  expect([ranged.valueMin, ranged.valueMax]).toEqual([1000, 1300]);

  const refused = await expectError(
    await request.post(url, { headers: bearer("reviewer"), data: { ...input, valueMin: 5, asOf: "2025-02-30", sourceId: "00000000-0000-4000-8000-000000000000", extra: true } }),
    400,
    "BAD_REQUEST",
  );
  expect(refused.error.fieldErrors).toEqual({
    value: ["Give a single value or a range, not both."],
    asOf: ["Not a real date."],
    extra: ["Unknown field."],
  });
  const unknownSource = await expectError(await request.post(url, { headers: bearer("reviewer"), data: { ...input, sourceId: "00000000-0000-4000-8000-000000000000" } }), 400, "BAD_REQUEST");
  expect(unknownSource.error.fieldErrors).toEqual({ sourceId: ["No such source."] });
  await expectError(await request.post(url, { headers: bearer("admin"), data: input }), 403, "FORBIDDEN");
  await expectError(await request.post(url, { data: input }), 401, "UNAUTHORIZED");

  const list = await body<{ items: ApiFigure[] }>(await request.get(url, { headers: bearer("submitter") }), 200, "list");
  expect(list.items.map((f) => f.id)).toEqual([ranged.id, figure.id]);

  const series = await body<{ series: { source: { name: string }; points: { asOf: string; min: number; max: number }[] }[]; current: unknown; latest: { min: number; asOf: string }; named: number }>(
    await request.get(`/api/v1/figures/series?${new URLSearchParams({ measure: "killed", scope: `BANIYAS ${run}|2025-03-06|2025-03-10` })}`, { headers: bearer("reviewer") }),
    200,
    "series",
  );
  expect(series.series).toEqual([{ source: expect.objectContaining({ name: source.name }), points: [expect.objectContaining({ asOf: "2025-03-10", min: 1000, max: 1300 }), expect.objectContaining({ asOf: "2025-03-12", min: 1383, max: 1383 })] }]);
  expect(series).toMatchObject({ current: { min: 1383, max: 1383, sources: 1 }, latest: { min: 1383, asOf: "2025-03-12" }, named: 0 });
  const badQuery = await expectError(await request.get("/api/v1/figures/series?measure=dead", { headers: bearer("reviewer") }), 400, "BAD_REQUEST");
  expect(Object.keys(badQuery.error.fieldErrors ?? {}).sort()).toEqual(["measure", "scope"]);

  const scopes = await body<{ items: { measure: string; key: string; figures: number; sources: number }[] }>(await request.get("/api/v1/figures", { headers: bearer("reviewer") }), 200, "scopes");
  expect(scopes.items).toContainEqual(expect.objectContaining({ measure: "killed", key: figure.scope.key, figures: 2, sources: 1 }));
  const openapi = await body<{ paths: Record<string, unknown> }>(await request.get("/api/v1/openapi.json"), 200, "openapi");
  expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(["/api/v1/claims/{claimId}/figures", "/api/v1/figures", "/api/v1/figures/series"]));
});

test("the demo's published casualty claim shows its series; the published claim takes a figure for a correction", async ({ as }) => {
  const page = await as("reviewer");
  await page.goto("/figures");
  const demo = page.getByTestId("scope-item").filter({ hasText: "Syrian coast (Latakia, Tartus, Hama countryside)" });
  await expect(demo).toContainText("10 reports · 3 sources · latest as of 14 March 2025");
  await demo.getByRole("link").click();
  await expect(page.getByTestId("series-sentence")).toHaveText(
    "1,300–1,500 reported by International wire as of 14 March 2025; 1,300–1,500 across 3 sources; none named yet.",
  );
  await expect(page.getByTestId("series-chart").getByTestId("chart-series")).toHaveCount(3);
  await expect(page.getByTestId("figure-row")).toHaveCount(10);
  await page.screenshot({ path: test.info().outputPath("demo-scope-page.png"), fullPage: true });

  await page.getByTestId("figure-row").filter({ hasText: "1,383" }).getByRole("link", { name: "Open" }).click();
  const panel = page.getByTestId("figures-panel");
  await expect(panel.getByTestId("figure-item")).toHaveCount(10);
  // A figure recorded on a published claim is public only once another editor publishes a correction.
  await expect(panel.getByTestId("figure-form")).toHaveCount(1);
  await expect(panel.getByTestId("figure-sentence")).toContainText("across 3 sources");
});
