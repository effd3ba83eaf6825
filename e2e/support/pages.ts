import type { Locator, Page } from "@playwright/test";
import { expect } from "./fixtures";

/** The labels the claim page gives each transition (lib/workflow/machine.ts). */
export const ACTION_LABEL = {
  accept: "Accept into corroboration",
  reject: "Reject",
  duplicate: "Mark as duplicate",
  send_to_review: "Send to review",
  send_back: "Send back",
  publish: "Publish",
  correct: "Draft the correction",
  publish_correction: "Publish the correction",
  discard_correction: "Discard the correction draft",
  retract: "Retract",
  reopen: "Reopen",
} as const;
export type Action = keyof typeof ACTION_LABEL;

export const STATE_LABEL = {
  triage: "Triage",
  corroboration: "Corroboration",
  review: "Review",
  published: "Published",
  rejected: "Rejected",
  duplicate: "Duplicate",
  retracted: "Retracted",
} as const;

/** The workspace page of one claim: its header, its action forms, its audit timeline. */
export class ClaimPage {
  constructor(readonly page: Page) {}

  async goto(claimId: string) {
    await this.page.goto(`/claims/${claimId}`);
    await expect(this.title).toBeVisible();
  }

  get title(): Locator {
    return this.page.getByTestId("claim-title");
  }

  /** The line above the title: state badge, grade badge, "Kind · version N". */
  get header(): Locator {
    return this.title.locator("xpath=preceding-sibling::div[1]");
  }

  async expectState(state: keyof typeof STATE_LABEL, version?: number) {
    await expect(this.header).toContainText(STATE_LABEL[state]);
    if (version !== undefined) await expect(this.header).toContainText(`version ${version}`);
  }

  /** A step's form; sending to review is the grade form's (the claim has one grade selector). */
  form(action: Action): Locator {
    return this.page.getByTestId(action === "send_to_review" ? "grade-form" : `transition-${action}`);
  }

  /** The page's own confirmation after a redirect (not the message a form keeps for itself, such as an assess form's). */
  get success(): Locator {
    return this.page.locator('xpath=//*[@data-testid="form-success"][not(ancestor::form)]');
  }

  /** The error message of one form (never Next's route announcer, which is also role=alert). */
  errorOf(form: Locator): Locator {
    return form.getByTestId("form-error");
  }

  get timeline(): Locator {
    return this.page.getByTestId("audit-timeline");
  }

  get events(): Locator {
    return this.page.getByTestId("audit-event");
  }

  /** The timeline's events of the claim itself (it also holds its evidence items' events). */
  get claimEvents(): Locator {
    return this.page.locator('[data-testid="audit-event"][data-entity="claim"]');
  }

  /** The timeline's events of the claim's evidence items, each naming its item. */
  get evidenceEvents(): Locator {
    return this.page.locator('[data-testid="audit-event"][data-entity="evidence"]');
  }

  /** Fills a transition form and submits it with its own button; does not wait for the outcome. */
  async submitTransition(
    action: Action,
    fields: { reason?: string; targetId?: string; grade?: string; rationale?: string; title?: string } = {},
  ) {
    const form = this.form(action);
    await expect(form).toBeVisible();
    if (fields.targetId !== undefined) await form.getByLabel("Duplicate of (claim id or address)").fill(fields.targetId);
    if (fields.grade !== undefined) await form.getByLabel("Grade", { exact: true }).selectOption(fields.grade);
    if (fields.rationale !== undefined) await form.getByLabel("Rationale for the grade").fill(fields.rationale);
    if (fields.title !== undefined) await form.getByLabel("Title", { exact: true }).fill(fields.title);
    if (fields.reason !== undefined) await form.locator('textarea[name="reason"]').fill(fields.reason);
    await form.getByRole("button", { name: ACTION_LABEL[action], exact: true }).click();
  }

  /** Submits a transition and waits for the page to confirm it. */
  async transition(action: Action, fields: Parameters<ClaimPage["submitTransition"]>[1] = {}) {
    await this.submitTransition(action, fields);
    await expect(this.page).toHaveURL(new RegExp(`[?&]done=${action}(&|$)`));
    await expect(this.success).toBeVisible();
  }

  async setGrade(grade: string, rationale: string) {
    const form = this.page.getByTestId("grade-form");
    await form.getByLabel("Grade", { exact: true }).selectOption(grade);
    await form.getByLabel("Rationale").fill(rationale);
    await form.getByRole("button", { name: "Save grade" }).click();
    await expect(this.page).toHaveURL(/[?&]done=grade(&|$)/);
    await expect(this.success).toHaveText("Grade saved.");
  }
}

/** The review queue (/claims). */
export class QueuePage {
  constructor(readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/claims${query}`);
    await expect(this.page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  }

  count(state: keyof typeof STATE_LABEL | "all"): Locator {
    return this.page.getByTestId(`count-${state}`);
  }

  async countOf(state: keyof typeof STATE_LABEL | "all"): Promise<number> {
    return Number(await this.count(state).innerText());
  }

  get rows(): Locator {
    return this.page.getByTestId("claim-row");
  }

  row(title: string): Locator {
    return this.rows.filter({ has: this.page.getByRole("link", { name: title, exact: true }) });
  }

  get searchForm(): Locator {
    return this.page.getByRole("search");
  }

  async search({ q, kind }: { q?: string; kind?: string }) {
    const form = this.searchForm;
    if (q !== undefined) await form.getByLabel("Search titles, summaries, places").fill(q);
    if (kind !== undefined) await form.getByLabel("Kind").selectOption(kind);
    await form.getByRole("button", { name: "Filter" }).click();
    await this.page.waitForURL(/\/claims\?/);
  }

  /** The text of one column for every row shown, in order. */
  /** The cells of the column headed `name` ("Claim", "Kind", "State"…), row by row: by its heading, whatever columns come before it. */
  async column(name: string): Promise<string[]> {
    const headings = await this.page.getByTestId("queue-table").locator("thead th").allInnerTexts();
    const index = headings.findIndex((h) => h.trim().toLowerCase() === name.toLowerCase()) + 1;
    expect(index, `a column headed "${name}" among ${headings.join(", ")}`).toBeGreaterThan(0);
    return this.rows.locator(`td:nth-child(${index})`).allInnerTexts();
  }
}
