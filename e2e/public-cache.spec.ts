import { publishedClaim, transitionApi, uniqueWord } from "./support/api";
import { expect, test } from "./support/fixtures";
import { newDataDir, removeDataDir, startServer } from "./support/server";

/**
 * Public pages and answers are cached (issue 6), and the cache must follow the database: dropped
 * when an entry changes, and never carried to a server on another database — the same build
 * restarted on a restored or different database must not serve the old one's entries.
 */
test("the public cache is dropped on retraction and belongs to its server's database", async ({ request }) => {
  test.setTimeout(180_000);
  const word = uniqueWord("cache");
  const claim = await publishedClaim(request, { title: `Cached entry ${word}` });
  const list = `/api/v1/public/entries?q=${word}`;
  // Read twice, so the page and the answer are in the cache.
  const version1 = `/entries/${claim.publicSlug}/v/1`;
  for (let i = 0; i < 2; i++) {
    expect((await request.get(`/entries/${claim.publicSlug}`)).status()).toBe(200);
    expect(await (await request.get(version1)).text()).toContain("the current version.");
    expect(((await (await request.get(list)).json()) as { items: unknown[] }).items).toHaveLength(1);
  }
  await transitionApi(request, "editor2", claim, { action: "retract", reason: `Withdrawn (${word}).` });
  expect(await (await request.get(`/entries/${claim.publicSlug}`)).text()).toContain(`Withdrawn (${word}).`);
  // A version's page is dropped too: it now says it is not the current version, and the entry retracted.
  // React separates a text's parts with empty comments in the HTML.
  const page1 = (await (await request.get(version1)).text()).replaceAll("<!-- -->", "");
  expect(page1).toContain("Version 1 of 2 — this is not the current version.");
  expect(page1).toContain("the entry has since been retracted");
  expect(((await (await request.get(list)).json()) as { items: { isRetracted: boolean }[] }).items[0].isRetracted).toBe(true);

  const dataDir = newDataDir();
  const other = await startServer(dataDir);
  try {
    const answer = await fetch(`${other.base}${list}`);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { items: unknown[] }).items).toEqual([]);
    expect((await fetch(`${other.base}/entries/${claim.publicSlug}`)).status).toBe(404);
  } finally {
    await other.stop();
    removeDataDir(dataDir);
  }
});

/**
 * A CDN keeps what the entry page's Cache-Control allows: `s-maxage` fresh, then
 * `stale-while-revalidate` more while it fetches again. Next's default (a year of the latter) would
 * let a CDN serve a retracted entry once more long after the retraction; next.config.ts's
 * `expireTime` keeps both to a minute.
 */
test("a cached entry page may be served stale by a CDN for a minute at most", async ({ request }) => {
  const claim = await publishedClaim(request, { title: `Cache header ${uniqueWord("swr")}` });
  for (let i = 0; i < 2; i++) {
    const response = await request.get(`/entries/${claim.publicSlug}`);
    expect(response.status()).toBe(200);
    const cacheControl = response.headers()["cache-control"] ?? "";
    const directive = (name: string) => Number(new RegExp(`(?:^|,)\\s*${name}=(\\d+)`).exec(cacheControl)?.[1]);
    expect(directive("s-maxage"), cacheControl).toBe(60);
    expect(directive("stale-while-revalidate"), cacheControl).toBeGreaterThanOrEqual(0);
    expect(directive("stale-while-revalidate"), cacheControl).toBeLessThanOrEqual(60);
  }
});
