import type { Page } from "@playwright/test";
import { bearer, settledEvidenceApi, submitClaimApi, uniqueWord, uploadEvidenceApi } from "./support/api";
import { expect, PEOPLE, test } from "./support/fixtures";

/**
 * The discussion on a claim (issue 20): a reviewer writes in the thread and mentions the claim's
 * submitter, picked from the @ list with the keyboard alone; only the people who can see the
 * claim are offered (never another submitter, never an admin); the submitter reads it, answers,
 * and deletes their answer with a reason that stays in the thread; a comment on an item is on
 * the item's page and named on the claim's.
 */

type ApiComment = { id: string; body: string; evidenceId: string | null; mentions: { id: string; name: string }[]; deleted: { by: { name: string }; reason: string } | null };

const commentBox = (page: Page) => page.getByTestId("comment-form").getByLabel("Your comment");
const mentionList = (page: Page) => page.getByRole("listbox", { name: "People who can see this claim" });

test("a reviewer mentions the submitter, picked from the @ list by keyboard; the thread keeps a deletion's reason", async ({ as, request }) => {
  const word = uniqueWord("thread");
  const claim = await submitClaimApi(request, { title: `A claim to discuss ${word}` });
  const reviewer = await as("reviewer");
  await reviewer.goto(`/claims/${claim.id}`);
  const discussion = reviewer.getByTestId("comments");
  await expect(discussion.getByRole("heading", { name: "Discussion" })).toBeVisible();
  await expect(discussion.getByTestId("comments-empty")).toHaveText("No comments yet.");

  // The text field is the page's `c`.
  const box = commentBox(reviewer);
  await expect(box).toHaveAttribute("data-shortcut", "c");
  await box.focus();
  await reviewer.keyboard.type(`Where was this filmed? @`);
  // Everyone who can see the claim is offered, but not the writer, nor the admin.
  await expect(mentionList(reviewer).getByRole("option")).toHaveText([/Elena \(editor\)/, /Omar \(editor\)/, /Samira \(researcher\)/]);
  await reviewer.keyboard.type("al");
  await expect(mentionList(reviewer)).toContainText("Nobody by that name can see this claim.");
  await reviewer.keyboard.press("Backspace");
  await reviewer.keyboard.press("Backspace");
  await reviewer.keyboard.type("a");
  // "a" is in Elena, Omar and Samira: Samira begins with neither, so the arrows reach her.
  const options = mentionList(reviewer).getByRole("option");
  await expect(options).toHaveCount(3);
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await reviewer.keyboard.press("ArrowUp");
  await expect(options.filter({ hasText: "Samira (researcher)" })).toHaveAttribute("aria-selected", "true");
  await reviewer.keyboard.press("Enter");
  await expect(mentionList(reviewer)).toHaveCount(0);
  await reviewer.keyboard.type(`can you check the street? ${word}`);
  await expect(box).toHaveValue(`Where was this filmed? @Samira (researcher) can you check the street? ${word}`);
  // Escape closes the list without choosing; the text stays as typed.
  await reviewer.keyboard.type(" @El");
  await expect(mentionList(reviewer).getByRole("option")).toHaveText([/Elena \(editor\)/]);
  await reviewer.keyboard.press("Escape");
  await expect(mentionList(reviewer)).toHaveCount(0);
  for (let i = 0; i < 4; i++) await reviewer.keyboard.press("Backspace");
  await discussion.getByRole("button", { name: "Comment", exact: true }).click();

  await expect(discussion.getByTestId("form-success")).toHaveText("Comment added.");
  await expect(box).toHaveValue("");
  const written = discussion.getByTestId("comment");
  await expect(written).toHaveCount(1);
  await expect(written.getByTestId("comment-mention")).toHaveText("@Samira (researcher)");
  await expect(written.getByTestId("comment-body")).toHaveText(`Where was this filmed? @Samira (researcher) can you check the street? ${word}`);

  const thread = (await (await request.get(`/api/v1/claims/${claim.id}/comments`, { headers: bearer("submitter") })).json()) as { items: ApiComment[] };
  expect(thread.items.map((c) => c.mentions.map((m) => m.name))).toEqual([[PEOPLE.submitter.name]]);
  // The claim's history says who commented.
  await expect(reviewer.getByTestId("audit-event").filter({ hasText: "Commented" })).toContainText(PEOPLE.reviewer.name);

  // The submitter reads it, answers, and deletes the answer with a reason that stays in its place.
  const submitter = await as("submitter");
  await submitter.goto(`/claims/${claim.id}`);
  await expect(submitter.getByTestId("comment").first()).toContainText(word);
  await commentBox(submitter).fill(`Posted too soon ${word}`);
  await submitter.getByTestId("comment-form").getByRole("button", { name: "Comment", exact: true }).click();
  const answer = submitter.getByTestId("comment").nth(1);
  await expect(answer).toContainText(`Posted too soon ${word}`);
  // Only one's own comment offers Edit; the reviewer's offers nothing to a submitter.
  await expect(submitter.getByTestId("comment").first().getByTestId("delete-comment")).toHaveCount(0);
  await answer.getByText("Delete…").click();
  await answer.getByLabel("Why delete it?").fill("Answered the wrong thread.");
  await answer.getByRole("button", { name: "Delete comment" }).click();
  await expect(submitter.getByTestId("comment-deleted")).toHaveText(`Deleted by ${PEOPLE.submitter.name}: Answered the wrong thread.`);
  await expect(submitter.getByTestId("comment").nth(1)).not.toContainText("Posted too soon");
});

test("another submitter is never offered; an item's comment is on the item's page and named on the claim's", async ({ as, request }) => {
  const word = uniqueWord("item");
  // The reviewer's own claim: the submitter cannot see it, so cannot be mentioned on it.
  const claim = await submitClaimApi(request, { title: `The reviewer's claim ${word}` }, "reviewer");
  const file = `street-${word}.txt`;
  const item = await settledEvidenceApi(request, "reviewer", (await uploadEvidenceApi(request, "reviewer", claim.id, { name: file, mimeType: "text/plain", buffer: Buffer.from(`A street ${word}\n`) })).id);

  const editor = await as("editor");
  await editor.goto(`/evidence/${item.id}`);
  const discussion = editor.getByTestId("comments");
  await expect(discussion.getByRole("heading", { name: "Discussion of this item" })).toBeVisible();
  await commentBox(editor).focus();
  await editor.keyboard.type("@Sam");
  await expect(mentionList(editor)).toContainText("Nobody by that name can see this claim.");
  await expect(mentionList(editor).getByRole("option")).toHaveCount(0);
  await editor.keyboard.type(`ira (researcher) the sign is legible ${word}`);
  await discussion.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(discussion.getByTestId("comment")).toContainText(`the sign is legible ${word}`);
  // Typed by hand, the name of someone who cannot see the claim mentions nobody.
  await expect(discussion.getByTestId("comment-mention")).toHaveCount(0);

  await editor.goto(`/claims/${claim.id}`);
  const onClaim = editor.getByTestId("comment");
  await expect(onClaim).toContainText(`On the item ${file}`);
  await onClaim.getByRole("link", { name: file }).click();
  await expect(editor).toHaveURL(new RegExp(`/evidence/${item.id}#discussion$`));
  const [comment] = ((await (await request.get(`/api/v1/claims/${claim.id}/comments?evidenceId=${item.id}`, { headers: bearer("reviewer") })).json()) as { items: ApiComment[] }).items;
  expect(comment).toMatchObject({ evidenceId: item.id, mentions: [] });
});

test("an edit refused as stale keeps the text written, says why, and saves once reloaded", async ({ as, request }) => {
  const word = uniqueWord("edit");
  const claim = await submitClaimApi(request, { title: `A claim whose comment is edited twice ${word}` });
  const posted = await request.post(`/api/v1/claims/${claim.id}/comments`, { headers: bearer("reviewer"), data: { body: `First thoughts ${word}` } });
  const comment = (await posted.json()) as ApiComment & { version: number };
  const reviewer = await as("reviewer");
  await reviewer.goto(`/claims/${claim.id}`);
  const shown = reviewer.getByTestId("comment");
  await shown.getByText("Edit", { exact: true }).click();
  // Meanwhile the same person rewrites it elsewhere (another tab, the API).
  expect((await request.patch(`/api/v1/comments/${comment.id}`, { headers: bearer("reviewer"), data: { body: `Rewritten elsewhere ${word}`, version: comment.version } })).status()).toBe(200);
  const box = shown.getByRole("textbox", { name: "Edit your comment" });
  await box.fill(`Second thoughts ${word}`);
  await shown.getByRole("button", { name: "Save" }).click();
  await expect(shown.getByRole("alert")).toContainText("The comment has changed since you loaded it");
  await expect(box).toHaveValue(`Second thoughts ${word}`);

  await reviewer.reload();
  await expect(shown.getByTestId("comment-body")).toHaveText(`Rewritten elsewhere ${word}`);
  await shown.getByText("Edit", { exact: true }).click();
  await shown.getByRole("textbox", { name: "Edit your comment" }).fill(`Second thoughts ${word}`);
  await shown.getByRole("button", { name: "Save" }).click();
  await expect(shown.getByTestId("comment-body")).toHaveText(`Second thoughts ${word}`);
  await expect(shown.getByTestId("comment-edited")).toBeVisible();
});
