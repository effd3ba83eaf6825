import fs from "node:fs";
import { createHmac } from "node:crypto";
import { bearer, transitionApi, uniqueWord } from "./support/api";
import { expect, test } from "./support/fixtures";
import { acceptedClaimApi, attachSourcedItem, createSourceApi } from "./support/public";

/**
 * Issue 23 in the browser: an editor sees how an item from a protected source will be named in
 * public (its commitment), chooses otherwise for another with a reason, the publish preview lists
 * each item's fingerprint before anything goes out, and an admin downloads a disclosure packet.
 */
test("an editor sees and chooses each item's public fingerprint, the preview lists them, an admin downloads a packet", async ({ as, request }) => {
  test.setTimeout(180_000);
  const word = uniqueWord("commit");
  const monitor = await createSourceApi(request, { name: `Open monitor ${word}`, kind: "organisation", reliability: "B" });
  const relative = await createSourceApi(request, { name: `A relative ${word}`, kind: "person", reliability: "C", protected: true });
  let claim = await acceptedClaimApi(request, { kind: "report", title: `Killings in al-Qusour ${word}` });
  const relativeBytes = Buffer.from(`A relative's account ${word}\n`);
  const listed = await attachSourcedItem(request, claim.id, { name: `monitor-${word}.txt`, mimeType: "text/plain", buffer: Buffer.from(`Monitor list ${word}\n`) }, { publishedBySourceId: monitor.id });
  const account = await attachSourcedItem(request, claim.id, { name: `account-${word}.txt`, mimeType: "text/plain", buffer: relativeBytes }, { publishedBySourceId: relative.id, isFirstHand: true });

  // The protected relative's account: by its commitment, shown with the reason.
  const editor = await as("editor");
  await editor.goto(`/evidence/${account.id}`);
  const panel = editor.getByTestId("public-fingerprint");
  await expect(panel.getByTestId("public-fingerprint-as")).toHaveAttribute("data-disclosure", "commitment");
  await expect(panel).toContainText("A protected source published or relayed it.");
  const commitment = (await panel.getByTestId("evidence-commitment").innerText()).trim();
  expect(commitment).toMatch(/^[0-9a-f]{64}$/);

  // The monitor's list: the editor withholds its fingerprint, with a reason; the page says so.
  await editor.goto(`/evidence/${listed.id}`);
  await expect(editor.getByTestId("public-fingerprint-as")).toHaveAttribute("data-disclosure", "hash");
  await editor.getByTestId("disclosure-choice").locator("summary").click();
  const form = editor.getByTestId("disclosure-form");
  await form.getByLabel("Withheld: no fingerprint").check();
  await form.getByLabel("Reason (kept in the audit log)").fill(`The list's layout points at its compiler ${word}`);
  await form.getByRole("button", { name: "Save choice" }).click();
  await expect(editor.getByText("Choice saved: the next published version follows it.")).toBeVisible();
  await expect(editor.getByTestId("public-fingerprint-as")).toHaveAttribute("data-disclosure", "withheld");
  await expect(editor.getByTestId("public-fingerprint")).toContainText(`The list's layout points at its compiler ${word}`);

  // The preview, before publishing: each item as it will go out.
  claim = await transitionApi(request, "reviewer", claim, { action: "send_to_review", grade: "probable", rationale: "Two accounts." });
  await editor.goto(`/claims/${claim.id}/preview`);
  const preview = editor.getByTestId("fingerprint-preview");
  await expect(preview.getByTestId("fingerprint-item").filter({ hasText: `monitor-${word}.txt` })).toHaveAttribute("data-disclosure", "withheld");
  await expect(preview.getByTestId("fingerprint-item").filter({ hasText: `account-${word}.txt` })).toHaveAttribute("data-disclosure", "commitment");
  const published = await transitionApi(request, "editor2", claim, { action: "publish" });
  const entry = await editor.goto(`/entries/${published.publicSlug}`);
  const page = await entry!.text();
  expect(page).toContain(commitment);
  expect(page).not.toContain(account.sha256!);
  expect(page).not.toContain(listed.sha256!);
  expect(page).toContain("1 item is counted but not fingerprinted here");

  // An admin's disclosure packet, downloaded from the item's page: its key recomputes the commitment.
  const admin = await as("admin");
  await admin.goto(`/evidence/${account.id}`);
  await admin.getByTestId("disclosure-packet").locator("summary").click();
  await admin.getByLabel("Who asked for it, and why").fill(`The investigating judge, case ${word}`);
  await admin.getByLabel(/I understand that whoever holds the packet/).check();
  const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("button", { name: "Download disclosure packet" }).click()]);
  const packet = JSON.parse(fs.readFileSync((await download.path())!, "utf8")) as { commitment: { key: string; value: string }; entries: { slug: string }[] };
  expect(packet.commitment.value).toBe(commitment);
  expect(createHmac("sha256", Buffer.from(packet.commitment.key, "hex")).update(relativeBytes).digest("hex")).toBe(commitment);
  expect(packet.entries.map((e) => e.slug)).toEqual([published.publicSlug]);
  await expect(admin.getByText(/Packet downloaded/)).toBeVisible();
  // Recorded in the item's custody trail, without the key.
  const audit = await request.get(`/api/v1/audit?entity=evidence:${account.id}`, { headers: bearer("admin") });
  const trail = await audit.text();
  expect(trail).toContain("evidence.disclosed");
  expect(trail).not.toContain(packet.commitment.key);
});
