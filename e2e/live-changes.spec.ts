import type { Page } from "@playwright/test";
import { bearer, getClaimApi, submitClaimApi, transitionApi } from "./support/api";
import { expect, PEOPLE, test } from "./support/fixtures";
import { keysReady } from "./support/keys";
import { ClaimPage } from "./support/pages";

/**
 * Issue 20: a person with a claim or the queue open learns within seconds that someone else changed
 * it (the page polls GET /api/v1/changes every 5 s), never of their own acts; and the claim page's
 * keys (a accept, r reject, g grade; ? lists them) act, and do nothing while one types in a field.
 * `c` (comment) reaches the comment field another branch adds: it is checked once both are merged.
 */

/** Once the page's scripts run, its keys do: `?` opens the list (pressed again until it does), Escape closes it. */
/** Within a few polls. */
const SECONDS = { timeout: 20_000 };

/** The next answer of the page's own poll: after it, what the page shows is what that answer said. */
const nextPoll = (page: Page) => page.waitForResponse((r) => r.url().includes("/api/v1/changes?") && r.status() === 200, { timeout: 20_000 });

test("two reviewers on one claim: the other's accept is told within seconds, one's own never", async ({ as, request }) => {
  const claim = await submitClaimApi(request);
  const rami = await as("reviewer");
  const elena = await as("editor");
  const ramis = new ClaimPage(rami);
  const elenas = new ClaimPage(elena);
  await ramis.goto(claim.id);
  await elenas.goto(claim.id);
  await expect(rami.getByTestId("live-changes")).toBeEmpty();

  // Elena accepts through her page, with the key.
  await keysReady(elena);
  await elena.keyboard.press("a");
  await elenas.expectState("corroboration");

  const notice = rami.getByTestId("live-changes");
  await expect(notice).toHaveText(new RegExp(`^${escape(PEOPLE.editor.name)} accepted this claim\\.\\s*Reload$`), SECONDS);
  // Rami's page still shows triage until he reloads; then it shows the accepted claim and no notice.
  await ramis.expectState("triage");

  await notice.getByRole("button", { name: "Reload" }).click();
  await ramis.expectState("corroboration");
  await expect(rami.getByTestId("live-changes")).toBeEmpty();

  // Two more changes by Elena, made through the API while both pages are open: Rami's notice names the latest and counts the other.
  const grade = async (value: string) => {
    const { version } = await getClaimApi(request, claim.id);
    const response = await request.put(`/api/v1/claims/${claim.id}/grade`, { headers: bearer("editor"), data: { grade: value, rationale: "Two sources.", version } });
    expect(response.status(), await response.text()).toBe(200);
  };
  await grade("probable");
  await grade("contested");
  await expect(notice).toHaveText(new RegExp(`^${escape(PEOPLE.editor.name)} graded this claim\\. And one more change\\.\\s*Reload$`), SECONDS);

  // Elena's page stays open while she grades elsewhere (the API, her token): of her own acts it says nothing.
  // Two of its polls after Rami's notice: the second was sent after both grades were committed.
  await nextPoll(elena);
  await nextPoll(elena);
  await expect(elena.getByTestId("live-changes")).toBeEmpty();
});

test("the queue tells its reader that another rejected a claim", async ({ as, request }) => {
  const claim = await submitClaimApi(request);
  const rami = await as("reviewer");
  await rami.goto("/claims?state=triage");
  await expect(rami.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(rami.getByTestId("live-changes")).toBeEmpty();
  await transitionApi(request, "editor", claim, { action: "reject", reason: "Spam from a known bot account." });
  await expect(rami.getByTestId("live-changes")).toContainText(`${PEOPLE.editor.name} rejected a claim.`, SECONDS);
});

test("the claim's keys: r and g go to their fields, a accepts, ? lists them, and none fires while typing", async ({ as, request }) => {
  const claim = await submitClaimApi(request);
  const rami = await as("reviewer");
  const page = new ClaimPage(rami);
  await page.goto(claim.id);
  await keysReady(rami);

  // r: the reject reason. Typed there, "a", "g" and "?" are letters of the reason, not keys.
  await rami.keyboard.press("r");
  const reason = page.form("reject").getByRole("textbox");
  await expect(reason).toBeFocused();
  await rami.keyboard.type("a g ?");
  await expect(reason).toHaveValue("a g ?");
  await expect(rami.getByRole("dialog")).toBeHidden();
  await page.expectState("triage");
  expect((await getClaimApi(request, claim.id)).state).toBe("triage");

  // ? lists the keys.
  await reason.blur();
  await rami.keyboard.press("?");
  const help = rami.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  for (const label of ["Accept into corroboration", "Reject: write the reason", "Grade: choose the grade", "Comment: write a comment", "Show these shortcuts"]) {
    await expect(help).toContainText(label);
  }
  await help.getByRole("button", { name: "Close" }).click();
  await expect(help).toBeHidden();

  // a: accepts.
  await rami.keyboard.press("a");
  await page.expectState("corroboration");
  expect((await getClaimApi(request, claim.id)).state).toBe("corroboration");

  // g: the grade, on the accepted claim.
  await rami.keyboard.press("g");
  await expect(page.form("send_to_review").getByRole("combobox")).toBeFocused();
  // In the grade's rationale, "a" is a letter: nothing else happens.
  const rationale = page.form("send_to_review").getByRole("textbox");
  await rationale.click();
  await rami.keyboard.type("a");
  await expect(rationale).toHaveValue("a");
  await expect(page.form("send_to_review").getByRole("combobox")).not.toBeFocused();
});

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
