import "server-only";
import { parse } from "csv-parse/sync";
import { tr } from "@/lib/i18n/translate";
import { resolveMessage } from "@/lib/validation/messages";
import { SEXES } from "@/lib/vocabulary";
import { ZPersonDetails, ZPersonName } from "../schemas";
import { MAX_FORMS_PER_ROW, MAX_LIST_NAMES, MAX_LIST_ROWS } from "./limits";

export { MAX_FORMS_PER_ROW, MAX_LIST_BYTES, MAX_LIST_NAMES, MAX_LIST_ROWS } from "./limits";

export type ListRow = {
  row: number;
  names: string[];
  sex: (typeof SEXES)[number] | null;
  age: number | null;
  incidentDate: string | null;
  placeName: string | null;
};
export type ListError = { row: number; message: string };
export type ParsedList = { format: "csv" | "lines"; columns: string[]; rows: ListRow[]; errors: ListError[] };

type Field = "name" | "sex" | "age" | "incidentDate" | "placeName" | "ignore";

// Column headers as monitors and spreadsheets write them, in English and Arabic.
const HEADERS: [RegExp, Field][] = [
  [/^(full[ _-]?)?names?([ _-]?(ar|en|arabic|latin|english|transliterat\w*))?$|^(arabic|latin|english|transliteration)$|^(الاسم|اسم)/i, "name"],
  [/^(sex|gender)$|^الجنس$/i, "sex"],
  [/^age$|^العمر$/i, "age"],
  [/^(date|date[ _-]?of[ _-]?(death|incident)|died|killed[ _-]?on)$|^(التاريخ|تاريخ)/i, "incidentDate"],
  [/^(place|location|village|town|city|area)$|^(المكان|مكان|القرية|المدينة|المنطقة)/i, "placeName"],
];

const SEX_VALUES: Record<string, (typeof SEXES)[number]> = { m: "male", male: "male", man: "male", ذكر: "male", f: "female", female: "female", woman: "female", أنثى: "female", انثى: "female" };

// A monitor's list is numbered: "12. Name", "١٢- Name", "12) Name".
const NUMBERING = /^\s*[0-9٠-٩]+\s*[.)\-–:]\s*/;
const FORM_SEPARATOR = /\s*[|/\t]\s*/;

function fieldOf(header: string): Field {
  const h = header.trim();
  return HEADERS.find(([pattern]) => pattern.test(h))?.[1] ?? "ignore";
}

function hasHeader(firstLine: string): boolean {
  return firstLine.split(/[,;\t]/).some((cell) => fieldOf(cell.replace(/^"|"$/g, "")) === "name");
}

function toRow(row: number, cells: [Field, string][], errors: ListError[]): ListRow | null {
  const out: ListRow = { row, names: [], sex: null, age: null, incidentDate: null, placeName: null };
  for (const [field, raw] of cells) {
    const value = raw.trim();
    if (!value || field === "ignore") continue;
    if (field === "name") {
      for (const form of value.replace(NUMBERING, "").split(FORM_SEPARATOR).filter(Boolean)) {
        const parsed = ZPersonName.safeParse(form);
        if (!parsed.success) errors.push({ row, message: tr("errors.import.nameInvalid", { name: form.slice(0, 40), problem: resolveMessage(parsed.error.issues[0].message) }) });
        else if (out.names.includes(parsed.data)) continue;
        else if (out.names.length >= MAX_FORMS_PER_ROW) {
          errors.push({ row, message: tr("errors.import.tooManyForms", { max: MAX_FORMS_PER_ROW }) });
          break;
        } else out.names.push(parsed.data);
      }
    } else if (field === "sex") {
      const sex = SEX_VALUES[value.toLowerCase()];
      if (sex) out.sex = sex;
      else errors.push({ row, message: tr("errors.import.sexInvalid", { value: value.slice(0, 20) }) });
    } else if (field === "age") {
      // The same rules as a person added by hand (ZPersonDetails), after Arabic-Indic digits.
      const age = ZPersonDetails.age.safeParse(value.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660)));
      if (age.success && typeof age.data === "number") out.age = age.data;
      else errors.push({ row, message: tr("errors.import.ageInvalid", { value: value.slice(0, 20) }) });
    } else if (field === "incidentDate") {
      const date = ZPersonDetails.incidentDate.safeParse(value);
      if (date.success && date.data) out.incidentDate = date.data;
      else errors.push({ row, message: tr("errors.import.dateInvalid", { value: value.slice(0, 20) }) });
    } else if (field === "placeName") {
      const place = ZPersonDetails.placeName.safeParse(value);
      if (place.success && place.data) out.placeName = place.data;
      else if (!place.success) errors.push({ row, message: tr("errors.import.placeInvalid", { problem: resolveMessage(place.error.issues[0].message) }) });
    }
  }
  return out.names.length ? out : null;
}

function sizeErrors(rows: ListRow[]): ListError[] {
  const names = rows.reduce((sum, r) => sum + r.names.length, 0);
  return [
    ...(rows.length > MAX_LIST_ROWS ? [{ row: 0, message: tr("errors.import.tooManyRows", { max: MAX_LIST_ROWS }) }] : []),
    ...(names > MAX_LIST_NAMES ? [{ row: 0, message: tr("errors.import.tooManyNames", { max: MAX_LIST_NAMES, count: names }) }] : []),
  ];
}

/**
 * Read a list of persons: a CSV (or TSV, or semicolon-separated) file with a header row naming its
 * columns — one or more name columns (Arabic and Latin side by side are one person's forms), age,
 * sex, date, place — or pasted lines, one person a line, with forms separated by | or /. Rows are
 * numbered as the person sees them (line numbers, the header being line 1). Blank rows are skipped.
 */
export function parseList(text: string): ParsedList {
  const errors: ListError[] = [];
  const rows: ListRow[] = [];
  const clean = text.replace(/^\uFEFF/, "");
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? "";
  if (hasHeader(firstLine)) {
    let records: string[][];
    try {
      records = parse(clean, { delimiter: [",", ";", "\t"], relax_column_count: true, skip_empty_lines: false, trim: true, bom: true });
    } catch (error) {
      return { format: "csv", columns: [], rows: [], errors: [{ row: 0, message: tr("errors.import.csvUnreadable", { reason: (error as Error).message.split("\n")[0] }) }] };
    }
    const [header, ...body] = records;
    const fields = header.map(fieldOf);
    body.forEach((cells, i) => {
      const row = toRow(i + 2, cells.map((cell, c) => [fields[c] ?? "ignore", cell] as [Field, string]), errors);
      if (row) rows.push(row);
    });
    return { format: "csv", columns: header, rows, errors: [...sizeErrors(rows), ...errors] };
  }
  clean.split(/\r?\n/).forEach((line, i) => {
    const row = toRow(i + 1, [["name", line]], errors);
    if (row) rows.push(row);
  });
  return { format: "lines", columns: [], rows, errors: [...sizeErrors(rows), ...errors] };
}
