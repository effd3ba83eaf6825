import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { jsonForScript } from "@/lib/publishing/claim-review";

/**
 * User text reaches pages only through escaping: React's in the workspace, lib/html's in the public
 * documents (lib/public-pages). React's raw insertion is used nowhere; lib/html's unescaped markup
 * (`trustedHtml`) only for the documents' own stylesheet and the entry page's JSON-LD, and there
 * only through `jsonForScript`, which cannot close the script element.
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const ALLOWED = new Map<string, RegExp>([
  [path.join("lib", "public-pages", "entry-document.ts"), /trustedHtml\(jsonForScript\(review\)\)/g],
  [path.join("lib", "public-pages", "shell.ts"), /trustedHtml\(DOCUMENT_CSS\)/g],
]);
const RAW = /dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|trustedHtml\(/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.(tsx?|jsx?|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

describe("raw HTML in pages, components and documents", () => {
  const files = [...sourceFiles("app"), ...sourceFiles("components"), ...sourceFiles("lib")].filter((f) => f !== path.join("lib", "html", "html.ts"));

  it("finds the files it guards", () => {
    expect(files.length).toBeGreaterThan(200);
    for (const file of ALLOWED.keys()) expect(files).toContain(file);
  });

  it("is used nowhere but the documents' stylesheet and JSON-LD, and the JSON-LD only through jsonForScript", () => {
    const uses: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      const all = text.match(RAW) ?? [];
      const allowed = ALLOWED.get(file);
      const sanctioned = allowed ? (text.match(allowed) ?? []).length : 0;
      if (all.length !== sanctioned) uses.push(`${file}: ${all.join(", ")}`);
    }
    expect(uses).toEqual([]);
    for (const [file, pattern] of ALLOWED) expect(fs.readFileSync(path.join(ROOT, file), "utf8").match(pattern), `${file} still has its one use`).toHaveLength(1);
    expect(fs.readFileSync(path.join(ROOT, "lib", "public-pages", "entry-document.ts"), "utf8")).toContain('<script type="application/ld+json">');
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
