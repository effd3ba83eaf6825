import { describe, expect, it } from "vitest";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { ARABIC_TITLE, FORMULA_TITLE, PRIVATE_WORDS, publishCorrectRetract } from "@/lib/test/export-fixture";
import { buildAtomFeed, escapeXml, type FeedVersion, listFeedVersions, renderPublicFeed } from "./feed";
import { parseAtom } from "@/lib/test/xml";
import { useTestWorld } from "@/lib/test/world";

const ORIGIN = "https://corroborate.example";

function version(overrides: Partial<FeedVersion> = {}): FeedVersion {
  return {
    id: "2f1c4f1e-8b7a-4c1e-9d51-0a8f3c2b1d00",
    slug: "entry-2f1c4f1e",
    version: 1,
    change: "publication",
    changeNote: null,
    publishedAt: new Date("2025-03-12T10:00:00.000Z"),
    snapshot: {
      kind: "report",
      title: "A title",
      summary: "A summary",
      language: "en",
      incidentDate: { from: null, to: null },
      place: { name: null, latitude: null, longitude: null, precision: null },
      grade: "probable",
    },
    ...overrides,
  };
}

describe("escapeXml", () => {
  it("escapes markup characters and drops characters XML cannot carry", () => {
    expect(escapeXml(`a & b <c> "d" 'e'`)).toBe("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;");
    expect(escapeXml("bell\u0007 nul\u0000 lone\uD800 ok\t\n")).toBe("bell nul lone ok\t\n");
    expect(escapeXml("مقتل & <قرية>")).toBe("مقتل &amp; &lt;قرية&gt;");
  });
});

describe("buildAtomFeed", () => {
  it("is well-formed with hostile text, newest first, with absolute links", () => {
    const older = version({ snapshot: { ...version().snapshot, title: `</title><script>&` } });
    const newer = version({
      id: "9a0b1c2d-0000-4000-8000-000000000001",
      version: 2,
      change: "retraction",
      changeNote: "Old footage ]]> & <b>",
      publishedAt: new Date("2025-03-13T10:00:00.000Z"),
      snapshot: { ...version().snapshot, title: "Bad\u0001 title", grade: null },
    });
    const { feed, entries } = parseAtom(buildAtomFeed([older, newer], ORIGIN));
    expect(feed.title).toMatchObject({ "#text": "Corroborate — verified entries" });
    expect(feed.updated).toBe("2025-03-13T10:00:00.000Z");
    expect(entries.map((e) => e.title)).toEqual(["Retracted: Bad title", "</title><script>&"]);
    expect(entries[0].summary).toBe("A summary\n\nRetraction note: Old footage ]]> & <b>");
    expect(entries[0].id).toBe("urn:uuid:9a0b1c2d-0000-4000-8000-000000000001");
    expect(entries[0].link[0]["@_href"]).toBe(`${ORIGIN}/entries/entry-2f1c4f1e`);
    // Written in the entry's language; its page offered in each interface language.
    expect(entries[0]["@_xml:lang"]).toBe(version().snapshot.language);
    expect(entries[0].link.slice(1).map((l) => [l["@_hreflang"], l["@_href"]])).toEqual([
      ["ar", `${ORIGIN}/ar/entries/entry-2f1c4f1e`],
      ["en", `${ORIGIN}/entries/entry-2f1c4f1e`],
    ]);
    expect(entries[0].category.map((c) => c["@_term"])).toEqual(["retraction"]);
    expect(entries[1].category.map((c) => c["@_term"])).toEqual(["probable", "publication"]);
  });

  it("is valid when empty, dated now", () => {
    const now = new Date("2025-04-01T00:00:00.000Z");
    const { feed, entries } = parseAtom(buildAtomFeed([], ORIGIN, now));
    expect(entries).toEqual([]);
    expect(feed.updated).toBe(now.toISOString());
    expect(feed.id).toBe("tag:corroborate.example,2025:corroborate/entries");
  });
});

describe.each(TEST_DRIVERS)("the public feed on %s", (driver) => {
  const world = useTestWorld(driver);

  it("has one entry per published version, with correction and retraction notes, and nothing private", async () => {
    const { db } = world;
    const { published, corrected, retracted } = await publishCorrectRetract(db);
    const xml = await renderPublicFeed(db, ORIGIN);
    const { entries } = parseAtom(xml);
    // Five versions: three publications, one correction, one retraction; newest first.
    expect(entries).toHaveLength(5);
    expect(entries.map((e) => e.updated)).toEqual([...entries.map((e) => e.updated)].sort().reverse());
    expect(entries[0].title).toBe("Retracted: Video shows shelling of Jableh");
    expect(entries[0].summary).toContain("Retraction note: The footage is from 2016 <Aleppo>.");
    const correction = entries.find((e) => e.title === `Correction: ${FORMULA_TITLE}`);
    expect(correction?.summary).toBe("The monitor now counts 1,500, as of 14 March.\n\nCorrection note: The monitor revised its count & the place.");
    expect(correction?.link[0]["@_href"]).toBe(`${ORIGIN}/entries/${corrected.publicSlug}`);
    expect(entries.map((e) => e.title)).toEqual(expect.arrayContaining([ARABIC_TITLE, FORMULA_TITLE]));
    expect(entries.find((e) => e.title === ARABIC_TITLE)?.link[0]["@_href"]).toBe(`${ORIGIN}/entries/${published.publicSlug}`);
    expect(new Set(entries.map((e) => e.id)).size).toBe(5);
    expect(entries.filter((e) => e.link[0]["@_href"].endsWith(retracted.publicSlug!))).toHaveLength(2);
    for (const word of Object.values(PRIVATE_WORDS)) expect(xml).not.toContain(word);
  });

  it("keeps at most the limit", async () => {
    expect(await listFeedVersions(world.db, 2)).toHaveLength(2);
  });
});
