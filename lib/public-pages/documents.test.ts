import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { Locale } from "@/lib/i18n/locales";
import { entryFromRows, pickPublicEntryVersion, type PublicEntryDto } from "@/lib/publishing/public-entries";
import type { PublicSnapshot } from "@/lib/publishing/snapshot";
import { changeTexts } from "@/lib/publishing/version-changes";
import { renderEntryDocument } from "./entry-document";
import { renderHomeDocument } from "./home-document";
import { renderMethodologyDocument } from "./methodology-document";
import { publicSpeech } from "./speech";
import { renderErrorDocument, renderEveryLanguageNotFound, renderNotFoundDocument } from "./status-documents";
import { DOCUMENT_CSS, DOCUMENT_CSS_SOURCE } from "./styles";

/**
 * The public documents as bytes (lib/public-pages): no script but ClaimReview's data, the one
 * stylesheet their policy admits, no style attribute, text from data escaped, the list's filters
 * kept in its form and links, an entry's page within the weight a slow connection can afford.
 */

const HOSTILE = `<script>alert("x")</script> & 'q'`;
const HEAD = { seq: 1234, hash: "ab".repeat(32), readAt: "2026-12-03T14:05:00.000Z" };
/** A chain stamp as lib/timestamps reads it (an authority's address with markup characters: it is text). */
const STAMP = { id: "s1", subject: "chain" as const, seq: 4821, imprint: "cd".repeat(32), genTime: "2026-12-03T14:05:00.000Z", tsa: "https://tsa.example/<ts>&x", token: "/api/v1/public/time-stamps/s1.tsr" };
const hex = (n: number) => createHash("sha256").update(String(n)).digest("hex");

function snapshot(over: Partial<PublicSnapshot> = {}): PublicSnapshot {
  return {
    kind: "casualty_count",
    title: "1,383 civilians killed in the coastal region",
    summary: "A monitor reported 1,383 civilians killed in the coastal governorates since 6 March 2025.",
    language: "en",
    incidentDate: { from: "2025-03-06", to: "2025-03-12" },
    place: { name: "Latakia and Tartus governorates", latitude: 35.3, longitude: 35.95, precision: "region" },
    grade: "probable",
    evidence: { items: 20, byKind: [{ kind: "text", count: 12 }, { kind: "image", count: 8 }], hashes: Array.from({ length: 20 }, (_, i) => ({ sha256: hex(i), kind: i < 12 ? "text" : "image", size: 1000 + i })) },
    origins: {
      count: 3,
      supporting: 3,
      contradicting: 0,
      origins: Array.from({ length: 3 }, (_, i) => ({ stance: "supports", firstHand: i === 0, items: 5, sources: [{ name: `Monitor ${i}`, kind: "organisation", reliability: "B" }], withheldSources: i })),
    },
    persons: Array.from({ length: 6 }, (_, i) => ({ role: i % 2 ? "victim" : "missing", names: [`نزار حسن ${i}`, `Nizar Hassan ${i}`], sex: null, age: 30 + i, incidentDate: "2025-03-07", placeName: "Baniyas" })),
    figures: Array.from({ length: 12 }, (_, i) => ({ measure: "killed", valueMin: 700 + i * 60, valueMax: 760 + i * 60, scope: { place: "Syrian coast", periodFrom: "2025-03-06", periodTo: null }, asOf: `2025-03-${String(8 + (i % 7)).padStart(2, "0")}`, source: i % 4 ? { name: `Monitor ${i % 3}` } : null })),
    appearances: ["https://example.org/report", "javascript:alert(1)"],
    ...over,
  };
}

const PUBLISHED = new Date("2026-12-03T14:00:00Z");

function twoVersions() {
  return entryFromRows([
    { slug: "toll-on-the-coast", versionNumber: 1, change: "publication", changeNote: null, snapshot: snapshot(), publishedAt: PUBLISHED },
    {
      slug: "toll-on-the-coast",
      versionNumber: 2,
      change: "correction",
      changeNote: `The monitor revised its count ${HOSTILE}`,
      snapshot: snapshot({ title: `Killings on the coast ${HOSTILE}`, translations: { ar: { title: "مقتل مدنيين على الساحل", summary: "أفاد مرصد بمقتل مدنيين.", outdated: false } } }),
      publishedAt: new Date(PUBLISHED.getTime() + 3_600_000),
    },
  ]);
}

function entryPage(locale: Locale, version = 2, seal: { publicationSeq: number; sealSeq: number; snapshotSha256: string } | null = { publicationSeq: 41, sealSeq: 42, snapshotSha256: hex(99) }) {
  const entry = twoVersions();
  const picked = pickPublicEntryVersion(entry, version, changeTexts(locale, { isolate: true }));
  return renderEntryDocument({ speech: publicSpeech(locale), entry, version: picked, seal, origin: "https://corroborate.example" });
}

function listed(title: string, over: Partial<PublicEntryDto> = {}): PublicEntryDto {
  return { ...snapshot({ title }), translations: {}, slug: "x", url: "/entries/x", version: 1, change: "publication", changeNote: null, isRetracted: false, publishedAt: PUBLISHED.toISOString(), ...over };
}

function everyDocument(): [string, string][] {
  const out: [string, string][] = [["every-language 404", renderEveryLanguageNotFound(undefined)]];
  for (const locale of ["en", "ar"] as const) {
    const speech = publicSpeech(locale);
    out.push(
      [`${locale} entry`, entryPage(locale)],
      [`${locale} entry, first version`, entryPage(locale, 1)],
      [`${locale} preview`, entryPage(locale, 2, null)],
      [`${locale} home`, renderHomeDocument({ speech, filters: { q: HOSTILE }, cursor: "abc", items: [listed(HOSTILE)], nextCursor: "def", problem: null, auditHead: HEAD, origin: undefined })],
      [`${locale} methodology`, renderMethodologyDocument({ speech, auditHead: HEAD, chainStamp: STAMP, origin: undefined })],
      [`${locale} 404`, renderNotFoundDocument(locale, undefined)],
      [`${locale} error`, renderErrorDocument(locale, undefined)],
    );
  }
  return out;
}

describe("public documents", () => {
  it("run no script, carry the one stylesheet their policy admits by its hash, and no style attribute or handler", () => {
    for (const [name, page] of everyDocument()) {
      const scripts = page.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts, name).toEqual(name.includes("entry") || name.includes("preview") ? ['<script type="application/ld+json">'] : []);
      expect(page, name).not.toMatch(/<script(?![^>]*application\/ld\+json)[^>]*>/);
      expect(page, name).not.toMatch(/\s(style|on[a-z]+)=/i);
      expect(page, name).not.toContain("<script>alert");
      const sheets = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
      expect(sheets, name).toEqual([DOCUMENT_CSS]);
      expect(`'sha256-${createHash("sha256").update(sheets[0]).digest("base64")}'`, name).toBe(DOCUMENT_CSS_SOURCE);
      expect(page, name).toMatch(/^<!doctype html>\n<html lang="(en|ar)" dir="(ltr|rtl)">/);
    }
  });

  it("keep their stylesheet small", () => {
    expect(DOCUMENT_CSS.length).toBeLessThan(5_500);
    expect(gzipSync(DOCUMENT_CSS, { level: 9 }).length).toBeLessThan(2_000);
  });

  it("name the same page in the other language, in that language, and its addresses for search engines", () => {
    const english = entryPage("en");
    expect(english).toContain('<a href="/ar/entries/toll-on-the-coast/v/2" hreflang="ar" lang="ar">العربية</a>');
    expect(english).toContain('<link rel="alternate" hreflang="ar" href="https://corroborate.example/ar/entries/toll-on-the-coast/v/2">');
    expect(english).toContain('<link rel="alternate" hreflang="x-default" href="https://corroborate.example/entries/toll-on-the-coast/v/2">');
    const arabic = entryPage("ar");
    expect(arabic).toContain('<a href="/entries/toll-on-the-coast/v/2" hreflang="en" lang="en">English</a>');
    // A 404 has no address of its own: no alternates, not to be indexed; its language link goes home.
    const missing = renderNotFoundDocument("ar", undefined);
    expect(missing).not.toContain('rel="alternate"');
    expect(missing).toContain('<meta name="robots" content="noindex">');
    expect(missing).toContain('<a href="/" hreflang="en" lang="en">English</a>');
  });
});

describe("an entry's page", () => {
  it("is small enough for a slow, metered connection: under 15 kB gzipped with 12 figures, 6 persons and 20 hashes", () => {
    for (const locale of ["en", "ar"] as const) {
      const bytes = Buffer.from(entryPage(locale));
      expect(gzipSync(bytes, { level: 9 }).length, locale).toBeLessThan(15_000);
    }
  });

  it("writes text from data as text, and a link only to http(s)", () => {
    const page = entryPage("en");
    expect(page).toContain("Killings on the coast &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;");
    expect(page).toContain('href="https://example.org/report"');
    expect(page).not.toContain('href="javascript:');
  });

  it("shows the place as the four tiles around it under a circle, north up in either language, asked for with the origin only", () => {
    const page = entryPage("ar");
    const map = /<figure data-testid="entry-map">([\s\S]*?)<\/figure>/.exec(page)![1];
    const tiles = [...map.matchAll(/<img class="t(\d)" src="https:\/\/tile\.openstreetmap\.org\/8\/(\d+)\/(\d+)\.png"[^>]*referrerpolicy="strict-origin"[^>]*>/g)];
    expect(tiles.map((t) => t[1])).toEqual(["0", "1", "2", "3"]);
    const [x0, y0] = [Number(tiles[0][2]), Number(tiles[0][3])];
    expect(tiles.map((t) => [Number(t[2]) - x0, Number(t[3]) - y0])).toEqual([[0, 0], [1, 0], [0, 1], [1, 1]]);
    expect(map).toContain('<a class="map" dir="ltr"');
    const [, cx, cy] = /<circle cx="([\d.]+)" cy="([\d.]+)"/.exec(map)!.map(Number);
    for (const c of [cx, cy]) expect(c).toBeGreaterThanOrEqual(128), expect(c).toBeLessThanOrEqual(384);
    expect(map).toContain("OpenStreetMap");
    expect(map).toContain("35.3, 35.95");
  });

  it("says where its bytes are recorded, except in the editors' preview, which nothing has sealed yet", () => {
    expect(entryPage("en")).toMatch(/data-testid="page-seal" data-publication-event="41" data-seal-event="42">.*#41.*#42/);
    expect(entryPage("en")).toContain(hex(99));
    expect(entryPage("en")).toContain('href="/methodology#verify"');
    expect(entryPage("ar")).toContain('href="/ar/methodology#verify"');
    const preview = entryPage("en", 2, null);
    expect(preview).not.toContain("page-seal");
    expect(preview).not.toContain("#verify");
  });

  it("reads in the page's language: a current translation, and the history in that language", () => {
    const page = entryPage("ar");
    expect(page).toContain('<h1 dir="auto" lang="ar" data-testid="entry-title">مقتل مدنيين على الساحل</h1>');
    expect(page).toContain('data-testid="translation-note"');
    expect(page).toMatch(/<ol class="plain" data-testid="entry-history">[\s\S]*النسخة 2[\s\S]*النسخة 1/);
  });
});

describe("the public list", () => {
  it("keeps what was asked in its form and its pages' links, as text", () => {
    const speech = publicSpeech("ar");
    const page = renderHomeDocument({ speech, filters: { q: HOSTILE, kind: "video", from: "2025-03-01" }, cursor: "c1", items: [listed("Video from Jableh", { kind: "video", version: 3 })], nextCursor: "c2", problem: null, auditHead: HEAD, origin: undefined });
    expect(page).toContain('<form class="filters box" method="get" action="/ar" role="search"');
    expect(page).toContain(`name="q" value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"`);
    expect(page).toContain('<option value="video" selected>');
    expect(page.match(/ selected>/g)).toHaveLength(1);
    expect(page).toContain('name="from" value="2025-03-01"');
    const next = /<a href="([^"]+)" rel="next">/.exec(page)![1].replaceAll("&amp;", "&");
    expect(Object.fromEntries(new URL(next, "https://x").searchParams)).toEqual({ q: HOSTILE, kind: "video", from: "2025-03-01", cursor: "c2" });
    expect(new URL(next, "https://x").pathname).toBe("/ar");
    // Back to the first page with the same filters, and a way to clear them.
    expect(page).toMatch(/<nav class="pager"[^>]*><a href="\/ar\?q=[^"]*&amp;kind=video&amp;from=2025-03-01">/);
    expect(page).toContain('<a href="/ar">');
    expect(page).toMatch(/data-testid="public-entry">[\s\S]*<a href="\/ar\/entries\/x">Video from Jableh<\/a>/);
    // The audit chain's head at its foot.
    expect(page).toContain(`<bdi dir="ltr" class="mono" data-testid="public-head-hash">${HEAD.hash}</bdi>`);
  });

  it("says when nothing matches, when nothing is published, and why filters cannot be used", () => {
    const speech = publicSpeech("en");
    const base = { speech, cursor: undefined, items: [], nextCursor: null, auditHead: null, origin: undefined };
    expect(renderHomeDocument({ ...base, filters: { grade: "confirmed" }, problem: null })).toContain('<div class="empty"><p>No published entry matches these filters.</p></div>');
    const empty = renderHomeDocument({ ...base, filters: {}, problem: null });
    expect(empty).toContain("Nothing has been published yet.");
    expect(empty).not.toContain('data-testid="pager"');
    expect(empty).not.toContain("Clear filters");
    const refused = renderHomeDocument({ ...base, filters: { from: "not-a-date" }, problem: "Use a date as YYYY-MM-DD." });
    expect(refused).toContain('<div role="alert" class="note alert" data-testid="form-error"><p>These filters cannot be used: Use a date as YYYY-MM-DD.</p></div>');
  });
});

describe("the methodology", () => {
  it("tells a reader how to check a page against the audit log, in both languages", () => {
    for (const locale of ["en", "ar"] as const) {
      const page = renderMethodologyDocument({ speech: publicSpeech(locale), auditHead: HEAD, chainStamp: STAMP, origin: undefined });
      // The chain's newest outside time-stamp: when, which event, which authority, and its token; or that there is none.
      const stamp = /<p data-testid="chain-stamp">([\s\S]*?)<\/p>/.exec(page)![1];
      expect(stamp).toContain(`${STAMP.seq}`);
      expect(stamp).toContain("https://tsa.example/&lt;ts&gt;&amp;x");
      expect(stamp).toContain(`href="${STAMP.token}"`);
      expect(stamp).toContain(publicSpeech(locale).formats.dateTime(STAMP.genTime));
      const none = renderMethodologyDocument({ speech: publicSpeech(locale), auditHead: HEAD, chainStamp: null, origin: undefined });
      expect(none).toMatch(/<p class="muted" data-testid="chain-stamp">[^<]+<\/p>/);
      const verify = /<section aria-labelledby="verify" data-testid="verify">([\s\S]*?)<\/section>/.exec(page)![1];
      for (const part of ["<code>entry.sealed</code>", "<code>ETag</code>", "<code>node verify.mjs export.zip page.html</code>", "<code>npm run verify -- export.zip page.html</code>", "<code>sha256sum page.html</code>"]) {
        expect(verify, `${locale}: ${part}`).toContain(part);
      }
      expect(page).toContain('<h2 id="grades">');
      expect(page).toContain('data-testid="grade-rule"');
    }
  });
});
