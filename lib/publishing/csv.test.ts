import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { csvCell, csvLine, ENTRY_CSV_COLUMNS, entryCsvRow, streamPublicEntriesCsv } from "./csv";
import { ARABIC_TITLE, ARABIC_TRANSLATION, FORMULA_TITLE, PRIVATE_WORDS, publishCorrectRetract } from "@/lib/test/export-fixture";
import { SAMPLE_CLAIM } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { readAll } from "./export-stream";
import type { PublicEntryDto } from "./public-entries";

const ORIGIN = "https://corroborate.example";

describe("csvCell", () => {
  it("quotes commas, quotes and line breaks, and nothing else", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "no"')).toBe('"say ""no"""');
    expect(csvCell("one\ntwo")).toBe('"one\ntwo"');
    expect(csvCell("one\r\ntwo")).toBe('"one\r\ntwo"');
    expect(csvCell("مقتل، مدنيين")).toBe("مقتل، مدنيين");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(false)).toBe("false");
    expect(csvCell(-35.25)).toBe("-35.25");
  });

  it("turns text a spreadsheet would run as a formula into text", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+44 20")).toBe("'+44 20");
    expect(csvCell("-5 killed")).toBe("'-5 killed");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("\rcmd")).toBe("\"'\rcmd\"");
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("ends records with CRLF and round-trips through a strict parser", () => {
    const line = csvLine(["a,b", 'q"', "x\ny", 1, true, null]);
    expect(line.endsWith("\r\n")).toBe(true);
    expect(parse(line, { relax_column_count: false })).toEqual([["a,b", 'q"', "x\ny", "1", "true", ""]]);
  });
});

describe("entryCsvRow", () => {
  const cells = (row: unknown[], ...names: (typeof ENTRY_CSV_COLUMNS)[number][]) => names.map((name) => row[ENTRY_CSV_COLUMNS.indexOf(name)]);

  it("keeps the columns it had, then each interface language's title and summary", () => {
    expect(ENTRY_CSV_COLUMNS.slice(0, 3)).toEqual(["slug", "url", "title"]);
    expect(ENTRY_CSV_COLUMNS.slice(14)).toEqual(["evidence_items", "independent_origins", "title_ar", "summary_ar", "title_en", "summary_en"]);
  });

  it("leaves evidence and origin counts blank when a snapshot lacks them", () => {
    const entry = {
      slug: "s-1",
      url: "/entries/s-1",
      version: 1,
      change: "publication",
      changeNote: null,
      isRetracted: false,
      publishedAt: "2025-03-12T10:00:00.000Z",
      kind: "report",
      title: "T",
      summary: "S",
      language: "en",
      incidentDate: { from: "2025-03-06", to: null },
      place: { name: "Latakia", latitude: null, longitude: null, precision: null },
      grade: "probable",
      translations: {},
    } satisfies PublicEntryDto;
    expect(cells(entryCsvRow(entry, ORIGIN), "evidence_items", "independent_origins")).toEqual([undefined, undefined]);
    const withCounts = { ...entry, evidence: { items: 3, byKind: [], hashes: [] }, origins: { count: 2, supporting: 2, contradicting: 0, origins: [] } };
    expect(cells(entryCsvRow(withCounts, ORIGIN), "evidence_items", "independent_origins")).toEqual([3, 2]);
  });

  it("fills its own language's columns from the original and the others from its translations, blank without one", () => {
    const entry = {
      slug: "s-2",
      url: "/entries/s-2",
      version: 2,
      change: "correction",
      changeNote: "Translated.",
      isRetracted: false,
      publishedAt: "2025-03-14T10:00:00.000Z",
      kind: "report",
      title: "Killings in Baniyas",
      summary: "Residents were killed.",
      language: "en-GB",
      incidentDate: { from: "2025-03-06", to: null },
      place: { name: "Baniyas", latitude: null, longitude: null, precision: null },
      grade: "probable",
      translations: { ar: { title: "عمليات قتل في بانياس", summary: "قُتل سكان.", outdated: true } },
    } satisfies PublicEntryDto;
    expect(cells(entryCsvRow(entry, ORIGIN), "title", "title_ar", "summary_ar", "title_en", "summary_en")).toEqual([
      "Killings in Baniyas",
      "عمليات قتل في بانياس",
      "قُتل سكان.",
      "Killings in Baniyas",
      "Residents were killed.",
    ]);
    const arabic = { ...entry, language: "ar", title: "عمليات قتل", summary: "قُتل سكان.", translations: {} };
    expect(cells(entryCsvRow(arabic, ORIGIN), "title_ar", "summary_ar", "title_en", "summary_en")).toEqual(["عمليات قتل", "قُتل سكان.", undefined, undefined]);
  });
});

describe.each(TEST_DRIVERS)("the entries CSV on %s", (driver) => {
  const world = useTestWorld(driver);

  it("has one row per entry, its latest version, with a BOM and guarded cells", async () => {
    const { db } = world;
    const { published, corrected, retracted } = await publishCorrectRetract(db);
    const bytes = await readAll(await streamPublicEntriesCsv(db, ORIGIN, {}));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n").length).toBeGreaterThan(1);
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual([...ENTRY_CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const bySlug = new Map(rows.map((r) => [r.slug, r]));
    expect(bySlug.get(published.publicSlug!)).toMatchObject({
      url: `${ORIGIN}/entries/${published.publicSlug}`,
      title: ARABIC_TITLE,
      place: "المختارية, Latakia",
      latitude: "35.5",
      longitude: "-0.25",
      incident_from: "2025-03-06",
      incident_to: "",
      version: "1",
      change: "publication",
      retracted: "false",
      grade: "probable",
      // Written in Arabic, with no translation: its Arabic columns are the original's.
      title_ar: ARABIC_TITLE,
      summary_ar: SAMPLE_CLAIM.summary,
      title_en: "",
      summary_en: "",
    });
    // The formula-like title comes back as text: the apostrophe keeps a spreadsheet from running it.
    expect(bySlug.get(corrected.publicSlug!)).toMatchObject({ title: `'${FORMULA_TITLE}`, version: "2", change: "correction", place: "Baniyas" });
    // In English, with the Arabic translation its correction published (formula-guarded too).
    expect(bySlug.get(corrected.publicSlug!)).toMatchObject({
      title_en: `'${FORMULA_TITLE}`,
      summary_en: "The monitor now counts 1,500, as of 14 March.",
      title_ar: `'${ARABIC_TRANSLATION.title}`,
      summary_ar: ARABIC_TRANSLATION.summary,
    });
    expect(bySlug.get(retracted.publicSlug!)).toMatchObject({ version: "2", change: "retraction", retracted: "true" });
    for (const word of Object.values(PRIVATE_WORDS)) expect(text).not.toContain(word);
  });

  it("pages through more entries than one page holds", async () => {
    const { db } = world;
    const csv = async (pageSize?: number) =>
      parse(new TextDecoder().decode(await readAll(await streamPublicEntriesCsv(db, ORIGIN, {}, pageSize))), { bom: true, columns: true }) as Record<string, string>[];
    const before = await csv();
    for (let i = 0; i < 3; i += 1) await publishCorrectRetract(db); // 3 entries each
    const whole = await csv();
    expect(whole).toHaveLength(before.length + 9);
    expect(new Set(whole.map((r) => r.slug)).size).toBe(whole.length);
    // Pages of 2 and 5 (a last page full, and one not): the same rows, in the same order.
    expect(await csv(2)).toEqual(whole);
    expect(await csv(5)).toEqual(whole);
  });
});
