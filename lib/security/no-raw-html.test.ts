import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { jsonForScript } from "@/lib/publishing/claim-review";

/**
 * User text reaches pages only through React's escaping. The one raw HTML insertion allowed is
 * the entry page's JSON-LD, and only through `jsonForScript`, which cannot close the script tag.
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const ALLOWED = new Map([[path.join("app", "[locale]", "entries", "[slug]", "page.tsx"), /dangerouslySetInnerHTML=\{\{ __html: jsonForScript\([^()]*\) \}\}/g]]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.(tsx?|jsx?|mjs)$/.test(entry.name) ? [relative] : [];
  });
}

describe("raw HTML in pages and components", () => {
  const files = [...sourceFiles("app"), ...sourceFiles("components")];

  it("finds the files it guards", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain([...ALLOWED.keys()][0]);
  });

  it("is used nowhere but the JSON-LD script, and there only through jsonForScript", () => {
    const uses: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      const all = text.match(/dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment/g) ?? [];
      const allowed = ALLOWED.get(file);
      const sanctioned = allowed ? (text.match(allowed) ?? []).length : 0;
      if (all.length !== sanctioned) uses.push(`${file}: ${all.join(", ")}`);
    }
    expect(uses).toEqual([]);
    const [file, pattern] = [...ALLOWED][0];
    expect(fs.readFileSync(path.join(ROOT, file), "utf8").match(pattern), "the JSON-LD script is still there").toHaveLength(1);
    expect(fs.readFileSync(path.join(ROOT, file), "utf8")).toContain('<script type="application/ld+json"');
  });
});

describe("jsonForScript", () => {
  it("writes JSON that cannot end the script or open a comment", () => {
    const hostile = { title: "</script><script>alert(1)</script>", note: "<!-- x --> <\/SCRIPT >", lines: "a\u2028b\u2029c" };
    const out = jsonForScript(hostile);
    expect(out).not.toMatch(/</);
    expect(out).not.toMatch(/[\u2028\u2029]/);
    expect(JSON.parse(out)).toEqual(hostile);
  });
});
