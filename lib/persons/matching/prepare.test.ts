import { describe, expect, it } from "vitest";
import { blockingKeys, detectScript, prepareName } from "./prepare";

const tokens = (name: string) => prepareName(name).tokens;

describe("prepareName", () => {
  it("keeps the order of the parts and drops connectors", () => {
    expect(tokens("Mohammad bin Ali al-Haidar")).toEqual(["muhammad", "ali", "haidar"]);
    expect(tokens("محمد بن علي حيدر")).toEqual(["muhammad", "ali", "haidar"]);
    expect(tokens("Fatima bint Hassan")).toEqual(["fatima", "hasan"]);
  });
  it("turns an index form (family name, comma, the rest) back round", () => {
    expect(tokens("HAIDAR, Mohammad Ali")).toEqual(tokens("Mohammad Ali Haidar"));
  });
  it("ignores words without letters (an age, a list number)", () => {
    expect(tokens("12. Mohammad Ali Haidar, 34")).toEqual(["muhammad", "ali", "haidar"]);
  });
  it("remembers the article on the token, apart from the key", () => {
    const [part] = prepareName("الحسن").parts;
    expect(part.key).toBe("hasan");
    expect(part.article).toBe(true);
  });
  it("keeps names that begin with ال-like letters whole", () => {
    expect(tokens("الياس الهام")).toEqual(["ilyas", "ilham"]);
  });
  it("joins al-Din compounds without carrying their article to the next name", () => {
    expect(prepareName("Nour al-Din Ali Haidar").parts.map((t) => [t.key, t.article])).toEqual([["nurdin", false], ["ali", false], ["haidar", false]]);
  });
  it("joins Abu and Dhu compounds", () => {
    expect(tokens("Abu Ali")).toEqual(tokens("أبو علي"));
    expect(tokens("ذو الفقار")).toEqual(tokens("Zulfiqar"));
  });
  it("reads mixed-script names word by word", () => {
    expect(tokens("محمد Ali")).toEqual(["muhammad", "ali"]);
    expect(detectScript("محمد Ali")).toBe("mixed");
  });
  it("gives an empty, blank or article-only name no tokens and no keys", () => {
    for (const name of ["", "   ", "al", "ال", "-", "bin"]) {
      expect(prepareName(name).keys, JSON.stringify(name)).toEqual([]);
    }
    expect(prepareName("al").tokens).toEqual([]);
  });
  it("caps very long input", () => {
    const long = prepareName("Mohammad Ali ".repeat(5000));
    expect(long.tokens.length).toBeLessThanOrEqual(8);
  });
});

describe("detectScript", () => {
  it("tells Arabic, Latin, mixed and other apart", () => {
    expect(detectScript("محمد")).toBe("arabic");
    expect(detectScript("Muḥammad")).toBe("latin");
    expect(detectScript("123 !")).toBe("other");
    expect(detectScript("")).toBe("other");
  });
});

describe("blockingKeys", () => {
  it("are ordered token pairs (given+father, given+family, father+family)", () => {
    expect(blockingKeys("Mohammad Ali Hassan Haidar")).toEqual(["muhammad|ali", "muhammad|haidar", "ali|haidar"]);
    expect(blockingKeys("Mohammad Haidar")).toEqual(["muhammad|haidar"]);
    expect(blockingKeys("Mohammad")).toEqual(["muhammad"]);
  });
  it("are shared across scripts and spellings, also for names the lexicon lacks", () => {
    const shared = (a: string, b: string) => blockingKeys(a).some((k) => blockingKeys(b).includes(k));
    expect(shared("محمد علي حيدر", "Mohammad Ali Haidar")).toBe(true);
    expect(shared("وسيم ياسين شحادة", "Wassim Yassine Chehade")).toBe(true);
    expect(shared("Mohammad Haidar", "Mohammad Ali Hassan Haidar")).toBe(true);
  });
  it("are short and distinct", () => {
    const keys = blockingKeys("Abdulrahmanabdulrahmanabdulrahman Abdulrahmanabdulrahmanabdulrahman Zzz");
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key.length).toBeLessThan(64);
  });
});
