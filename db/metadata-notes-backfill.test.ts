import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { evidence } from "@/db/schema";
import { type MetadataNote, metadataNoteText } from "@/lib/evidence/metadata-notes";
import { inLocale } from "@/lib/i18n/translate";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { attachAssessedItem, submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";

/** The hand-written block of the migration that made metadata notes codes. */
function backfillStatements(): string[] {
  const folder = path.join(process.cwd(), "db", "migrations");
  const file = fs.readdirSync(folder).find((f) => f.endsWith("_metadata_note_codes.sql"))!;
  const text = fs.readFileSync(path.join(folder, file), "utf8");
  return text.slice(text.indexOf("-- hand-written:")).split("--> statement-breakpoint").map((s) => s.trim()).filter(Boolean);
}

/** Notes exactly as the extractor wrote them in English, before they were codes. */
const STORED = {
  stripped: "No EXIF metadata: it was probably stripped (social platforms and messengers remove it).",
  crafted:
    "EXIF is present but has no camera or capture time: it may have been edited or re-saved. The capture time in EXIF is not a valid date and was left out. " +
    "The GPS position in EXIF is not a valid position (latitude −90 to 90, longitude −180 to 180) and was left out. " +
    "Some metadata was too long to keep whole and was cut or left out (software, device, a.b, c, d, …).",
  video: "No creation time, device or location in the container: metadata was probably stripped or the file re-encoded.",
  unknown: "A sentence no version of the extractor wrote.",
};

describe.each(TEST_DRIVERS)("the metadata notes back-fill on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "reviewer"] });

  it("turns every stored English note into codes that say the same words in English, and other words in Arabic", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const items: Record<string, string> = {};
    for (const key of Object.keys(STORED)) items[key] = (await attachAssessedItem(db, world.reviewer, claim.id, `${key}\n`)).id;
    const quiet = (await attachAssessedItem(db, world.reviewer, claim.id, "no note\n")).id;

    // The old state: the text column, holding the sentences.
    await db.execute(sql`alter table evidence add column metadata_note text`);
    for (const [key, text] of Object.entries(STORED)) await db.execute(sql`update evidence set metadata_note = ${text}, metadata_notes = null where id = ${items[key]}`);
    for (const statement of backfillStatements()) await db.execute(sql.raw(statement));
    await db.execute(sql`alter table evidence drop column metadata_note`);

    const notesOf = async (id: string) => (await db.select({ notes: evidence.metadataNotes }).from(evidence).where(eq(evidence.id, id)))[0].notes as MetadataNote[] | null;
    expect(await notesOf(items.stripped)).toEqual([{ code: "exifStripped" }]);
    expect(await notesOf(items.crafted)).toEqual([
      { code: "exifNoCamera" },
      { code: "exifBadDate" },
      { code: "exifBadGps" },
      { code: "cut", paths: ["software", "device", "a.b", "c", "d", "…"] },
    ]);
    expect(await notesOf(items.video)).toEqual([{ code: "avStripped" }]);
    expect(await notesOf(items.unknown)).toEqual([{ code: "legacy", text: STORED.unknown }]);
    expect(await notesOf(quiet)).toBeNull();

    for (const [key, text] of Object.entries(STORED)) {
      const notes = await notesOf(items[key]);
      expect(metadataNoteText(notes), key).toBe(text);
      if (key === "unknown") continue;
      const arabic = inLocale("ar", () => metadataNoteText(notes))!;
      expect(arabic, key).not.toBe(text);
      // Arabic words throughout; the only Latin is the names of formats and the cut paths (data).
      expect(arabic.replace(/EXIF|GPS|software|device|a\.b|\b[cd]\b/g, ""), key).not.toMatch(/[A-Za-z]{2,}/);
    }
  });
});
