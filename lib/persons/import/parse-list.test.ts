import { describe, expect, it } from "vitest";
import { MAX_FORMS_PER_ROW, MAX_LIST_NAMES, parseList } from "./parse-list";

describe("parseList", () => {
  it("reads pasted lines: one person a line, forms separated by | or /, numbering dropped", () => {
    const list = parseList("1. محمد علي حيدر | Mohammad Ali Haidar\n\n٢- Ali Hassan Deeb\n3) علي حسن ديب / Ali Hasan Dib\n");
    expect(list.format).toBe("lines");
    expect(list.errors).toEqual([]);
    expect(list.rows.map((r) => [r.row, r.names])).toEqual([
      [1, ["محمد علي حيدر", "Mohammad Ali Haidar"]],
      [3, ["Ali Hassan Deeb"]],
      [4, ["علي حسن ديب", "Ali Hasan Dib"]],
    ]);
  });

  it("reads a CSV by its header: several name columns, age, sex, date and place, quoted cells", () => {
    const csv = '\uFEFFname_ar,name_en,age,sex,date of death,village,source\n"حيدر, محمد",Mohammad Haidar,34,M,2025-03-07,Baniyas,SNHR\nعلي ديب,,٤٥,أنثى,,,\n';
    const list = parseList(csv);
    expect(list.format).toBe("csv");
    expect(list.errors).toEqual([]);
    expect(list.rows).toEqual([
      { row: 2, names: ["حيدر, محمد", "Mohammad Haidar"], sex: "male", age: 34, incidentDate: "2025-03-07", placeName: "Baniyas" },
      { row: 3, names: ["علي ديب"], sex: "female", age: 45, incidentDate: null, placeName: null },
    ]);
  });

  it("reads Arabic headers and semicolons or tabs", () => {
    expect(parseList("الاسم;العمر\nعلي ديب;30\n").rows[0]).toMatchObject({ names: ["علي ديب"], age: 30 });
    expect(parseList("name\tplace\nAli Deeb\tJableh\n").rows[0]).toMatchObject({ names: ["Ali Deeb"], placeName: "Jableh" });
  });

  it("names each bad cell by row, and reads nothing as a person that has no name", () => {
    const list = parseList("name,age,sex,date\nAli,two hundred,x,12/03/2025\n,30,,\n");
    expect(list.rows).toHaveLength(1);
    expect(list.errors.map((e) => e.row)).toEqual([2, 2, 2]);
    expect(list.errors.map((e) => e.message).join(" ")).toMatch(/Age .*Sex .*Date/);
  });

  it("reports a CSV it cannot read instead of throwing", () => {
    const list = parseList('name\n"unterminated\n');
    expect(list.errors[0].message).toMatch(/could not be read/);
  });

  it("bounds the forms of a row and the names in all, each clustered with the others", () => {
    const forms = Array.from({ length: MAX_FORMS_PER_ROW + 1 }, (_, i) => `Ali Hassan ${"Deeb".repeat(1 + (i % 5))}${"ab"[i % 2].repeat(1 + Math.floor(i / 10))}`);
    const wide = parseList(`Mohammad Ali Haidar | Mohammad Ali Haidar\n${forms.join(" | ")}\n`);
    expect(wide.rows[0].names).toEqual(["Mohammad Ali Haidar"]);
    expect(wide.rows[1].names).toEqual(forms.slice(0, MAX_FORMS_PER_ROW));
    expect(wide.errors).toEqual([{ row: 2, message: `At most ${MAX_FORMS_PER_ROW} name forms a row.` }]);

    const rows = Array.from({ length: Math.floor(MAX_LIST_NAMES / 3) + 1 }, (_, i) => `Ali ${i} Hassan | علي حسن | Ali Hasan`);
    const many = parseList(rows.join("\n"));
    expect(many.errors).toEqual([{ row: 0, message: `At most ${MAX_LIST_NAMES} names in all (${3 * rows.length} given).` }]);
  });
});
