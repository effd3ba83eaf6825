import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The layers' rules that grep can check (ARCHITECTURE.md, "Folders"): the UI never imports the
 * database layer, the vocabulary imports nothing, and db/ reaches into lib/ only for the
 * vocabulary. A file that breaks one is named.
 */
const root = process.cwd();

function sources(folder: string): string[] {
  return fs
    .readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ts|tsx|mts|cts)$/.test(f))
    .map((f) => path.join(folder, f));
}

/** The modules a file imports (static and `import type`), as written. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+["']([^"']+)["']/g)].map((m) => m[1]);
}

/** Where an import lands, relative to the repository ("db/schema", "lib/vocabulary"); null for packages. */
function target(file: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith(".")) return path.relative(root, path.resolve(root, path.dirname(file), specifier));
  return null;
}

function offending(folder: string, isForbidden: (to: string) => boolean): string[] {
  return sources(folder).flatMap((file) =>
    importsOf(file)
      .map((s) => target(file, s))
      .filter((to): to is string => to !== null && isForbidden(to))
      .map((to) => `${file} → ${to}`),
  );
}

describe("the layers", () => {
  it("finds the imports it checks (the check itself works)", () => {
    expect(offending("db/schema", (to) => to.startsWith("lib/"))).toEqual(["db/schema/enums.ts → lib/vocabulary"]);
  });

  it("components never import db/", () => {
    expect(offending("components", (to) => to === "db" || to.startsWith("db/"))).toEqual([]);
  });

  it("the vocabulary imports nothing, and db/schema reaches into lib/ only for it", () => {
    expect(importsOf("lib/vocabulary.ts")).toEqual([]);
    expect(offending("db/schema", (to) => to.startsWith("lib/") && to !== "lib/vocabulary")).toEqual([]);
  });
});
