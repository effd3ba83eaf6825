import { type ApiClaim, publishedClaim, transitionApi, uniqueWord } from "./support/api";
import { expect, test } from "./support/fixtures";
import { entrySealsApi, sha256Hex } from "./support/public";
import { newDataDir, removeDataDir, startServer } from "./support/server";

/**
 * Public answers are cached (issue 6), and the cache must follow the database: dropped when an
 * entry changes, and never carried to a server on another database — the same build restarted on
 * a restored or different database must not serve the old one's entries. An entry's pages are the
 * bytes sealed at publication (issue 22): a version's page never changes, the entry's own address
 * serves its newest version's, and each is sent with its SHA-256 as ETag, the hash its
 * `entry.sealed` event records.
 */
test("the public cache is dropped on retraction and belongs to its server's database", async ({ request }) => {
  test.setTimeout(180_000);
  const word = uniqueWord("cache");
  const claim = await publishedClaim(request, { title: `Cached entry ${word}` });
  const list = `/api/v1/public/entries?q=${word}`;
  const version1 = `/entries/${claim.publicSlug}/v/1`;
  // Read twice, so the pages and the answers are in the caches (the home's first page is a bounded view, kept).
  let first: Buffer | undefined;
  for (let i = 0; i < 2; i++) {
    expect((await request.get(`/entries/${claim.publicSlug}`)).status()).toBe(200);
    const page = await (await request.get(version1)).body();
    first ??= page;
    expect(page.equals(first)).toBe(true);
    expect(((await (await request.get(list)).json()) as { items: unknown[] }).items).toHaveLength(1);
    expect(await (await request.get("/")).text()).toContain(`Cached entry ${word}`);
  }
  await transitionApi(request, "editor2", claim, { action: "retract", reason: `Withdrawn (${word}).` });
  const newest = await (await request.get(`/entries/${claim.publicSlug}`)).text();
  expect(newest).toContain(`Withdrawn (${word}).`);
  expect(newest).toContain('data-testid="retraction-banner"');
  // A version's page is what was published, byte for byte: it never says what came after.
  const after = await request.get(version1);
  expect((await after.body()).equals(first!)).toBe(true);
  expect(after.headers().etag).toBe(`"${sha256Hex(first!)}"`);
  expect(((await (await request.get(list)).json()) as { items: { isRetracted: boolean }[] }).items[0].isRetracted).toBe(true);
  // The home's cached first page was dropped too: the entry is listed as retracted.
  const home = (await (await request.get("/")).text()).split('data-testid="public-entry"');
  expect(home.find((item) => item.includes(`Cached entry ${word}`))).toContain('<span class="removed">Retracted</span>');

  const dataDir = newDataDir();
  const other = await startServer(dataDir);
  try {
    const answer = await fetch(`${other.base}${list}`);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { items: unknown[] }).items).toEqual([]);
    expect((await fetch(`${other.base}/entries/${claim.publicSlug}`)).status).toBe(404);
    expect(await (await fetch(`${other.base}/`)).text()).not.toContain(`Cached entry ${word}`);
  } finally {
    await other.stop();
    removeDataDir(dataDir);
  }
});

test("an entry's pages are the bytes sealed at publication: ETag = SHA-256 = the seal's hash, a version's for good, the newest's revalidated", async ({ request }) => {
  const word = uniqueWord("seal");
  let claim: ApiClaim = await publishedClaim(request, { title: `Sealed entry ${word}` });
  const slug = claim.publicSlug!;
  const get = (path: string, headers: Record<string, string> = {}) => request.get(path, { headers, maxRedirects: 0 });

  const [seal1] = await entrySealsApi(request, claim.id);
  expect(seal1).toMatchObject({ slug, version: 1 });
  const firstPages: Record<string, Buffer> = {};
  for (const [locale, prefix] of [["en", ""], ["ar", "/ar"]] as const) {
    const version = await get(`${prefix}/entries/${slug}/v/1`);
    expect(version.status()).toBe(200);
    const bytes = await version.body();
    firstPages[locale] = bytes;
    const sha = sha256Hex(bytes);
    // The served bytes hash to the ETag and to what the chain recorded for this language.
    expect(version.headers().etag).toBe(`"${sha}"`);
    expect(seal1.pages).toContainEqual({ locale, sha256: sha, size: bytes.length });
    expect(version.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(version.headers()["content-type"]).toBe("text/html; charset=utf-8");
    const text = bytes.toString("utf8");
    expect(text).toContain(`data-publication-event="${seal1.publicationSeq}" data-seal-event="${seal1.seq}"`);
    expect(text).toContain(seal1.snapshotSha256);
    // The entry's own address serves the same bytes, to be asked again each time.
    const newest = await get(`${prefix}/entries/${slug}`);
    expect((await newest.body()).equals(bytes)).toBe(true);
    expect(newest.headers().etag).toBe(`"${sha}"`);
    expect(newest.headers()["cache-control"]).toBe("public, no-cache");
    expect(newest.headers().link).toBe(`<${prefix}/entries/${slug}/v/1>; rel="canonical"`);
    const unchanged = await get(`${prefix}/entries/${slug}`, { "if-none-match": `"${sha}"` });
    expect(unchanged.status()).toBe(304);
    expect((await unchanged.body()).length).toBe(0);
    expect((await get(`${prefix}/entries/${slug}`, { "if-none-match": `"${"0".repeat(64)}"` })).status()).toBe(200);
  }

  claim = await transitionApi(request, "editor2", claim, { action: "correct", reason: `Retitled (${word}).`, changes: { title: `Sealed entry, retitled ${word}` } });
  claim = await transitionApi(request, "editor", claim, { action: "publish_correction" });
  const seals = await entrySealsApi(request, claim.id);
  expect(seals.map((s) => s.version)).toEqual([1, 2]);
  const seal2 = seals[1];
  for (const [locale, prefix] of [["en", ""], ["ar", "/ar"]] as const) {
    const sealed = seal2.pages.find((p) => p.locale === locale)!;
    // The newest address now serves the correction's page: new bytes, its hash the seal's.
    const stale = await get(`${prefix}/entries/${slug}`, { "if-none-match": `"${sha256Hex(firstPages[locale])}"` });
    expect(stale.status()).toBe(200);
    const bytes = await stale.body();
    expect(sha256Hex(bytes)).toBe(sealed.sha256);
    expect(stale.headers().etag).toBe(`"${sealed.sha256}"`);
    expect(bytes.toString("utf8")).toContain(`Sealed entry, retitled ${word}`);
    expect((await (await get(`${prefix}/entries/${slug}/v/2`)).body()).equals(bytes)).toBe(true);
    // The first version's page is byte for byte what it was.
    const first = await get(`${prefix}/entries/${slug}/v/1`);
    expect((await first.body()).equals(firstPages[locale])).toBe(true);
    expect(first.headers().etag).toBe(`"${seal1.pages.find((p) => p.locale === locale)!.sha256}"`);
  }
});
