import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUES } from "./catalogues";
import { CLIENT_NAMESPACES, type ClientPart, clientMessages } from "./client-namespaces";
import { CLIENT_WORDS_DIR, clientWordFiles } from "./client-words";

/**
 * The words each root layout sends to the browser (CLIENT_NAMESPACES) are exactly those its client
 * components ask for. The test walks the import graph from every file of the root's folder; a file
 * marked "use client", and everything it imports, runs in the browser, and each `useTranslations`
 * there names a namespace the provider must carry. A namespace missing from the list would show a
 * key instead of a word; one left over would be sent for nothing.
 */

const ROOT = path.resolve(__dirname, "../..");
const FOLDERS: Record<ClientPart, string> = { workspace: "app/(workspace)", auth: "app/(auth)" };

const isClient = (source: string) => /^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*["']use client["']/.test(source);

function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (/\.tsx?$/.test(candidate) && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** What a file imports at run time (a type-only import brings no code). */
function importsOf(file: string, source: string): string[] {
  const specifiers = [
    ...source.matchAll(/(?:^|\n)\s*(?:import|export)\s+(?!type\b)[^;]*?\sfrom\s+["']([^"']+)["']/g),
    ...source.matchAll(/(?:^|\n)\s*import\s+["']([^"']+)["']/g),
    ...source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]);
  return specifiers.map((s) => resolveImport(file, s)).filter((f): f is string => f !== null);
}

function filesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** The namespaces client components reached from a folder ask for, with the files that ask. */
function namespacesAskedFrom(folder: string): Map<string, Set<string>> {
  const asked = new Map<string, Set<string>>();
  const seen = new Map<string, boolean>(); // file → reached in the browser
  const queue: [string, boolean][] = filesUnder(path.join(ROOT, folder)).map((f) => [f, false]);
  while (queue.length) {
    const [file, fromClient] = queue.pop()!;
    const source = fs.readFileSync(file, "utf8");
    const inBrowser = fromClient || isClient(source);
    if (seen.get(file) === true || (seen.has(file) && !inBrowser)) continue;
    seen.set(file, inBrowser);
    if (inBrowser) {
      for (const call of source.matchAll(/useTranslations\(([^)]*)\)/g)) {
        const literal = /^\s*["']([\w.]+)["']\s*$/.exec(call[1]);
        const key = literal ? literal[1] : `<not a literal: ${call[1]}>`;
        if (!asked.has(key)) asked.set(key, new Set());
        asked.get(key)!.add(path.relative(ROOT, file));
      }
    }
    for (const next of importsOf(file, source)) queue.push([next, inBrowser]);
  }
  return asked;
}

/** The shortest list that covers every path asked for ("persons" covers "persons.forms"). */
const covering = (paths: Iterable<string>) => {
  const all = [...new Set(paths)];
  return all.filter((p) => !all.some((q) => p !== q && p.startsWith(`${q}.`))).sort();
};

describe("the words sent to the browser", () => {
  for (const part of Object.keys(FOLDERS) as ClientPart[]) {
    it(`are, for the ${part} pages, exactly the namespaces their client components use`, () => {
      const asked = namespacesAskedFrom(FOLDERS[part]);
      expect([...asked.keys()].filter((k) => k.startsWith("<")), "useTranslations with a namespace the test cannot read").toEqual([]);
      expect([...CLIENT_NAMESPACES[part]].sort()).toEqual(covering(asked.keys()));
    });
  }

  it("name namespaces that exist, and carry them whole with the catalogue's meta", () => {
    for (const part of Object.keys(CLIENT_NAMESPACES) as ClientPart[]) {
      const picked = clientMessages(CATALOGUES.ar, part) as Record<string, unknown>;
      expect(Object.keys(picked).sort(), part).toEqual([...new Set(["meta", ...CLIENT_NAMESPACES[part].map((p) => p.split(".")[0])])].sort());
      for (const dotted of CLIENT_NAMESPACES[part]) {
        let original: unknown = CATALOGUES.ar;
        let sent: unknown = picked;
        for (const step of dotted.split(".")) {
          original = (original as Record<string, unknown>)[step];
          sent = (sent as Record<string, unknown>)[step];
        }
        expect(original, `${part}: ${dotted}`).toBeDefined();
        expect(sent, `${part}: ${dotted}`).toEqual(original);
      }
    }
  });

  it("leave out what no client component says: the sign-in pages carry neither the workspace nor lib/'s errors", () => {
    const sent = clientMessages(CATALOGUES.en, "auth") as Record<string, unknown>;
    for (const absent of ["claims", "persons", "errors", "validation", "audit", "methodology"]) expect(sent[absent], absent).toBeUndefined();
    expect(JSON.stringify(sent).length).toBeLessThan(JSON.stringify(CATALOGUES.en).length / 5);
  });

  it("are written out, one file per root and language, exactly as the catalogues say (npm run i18n:client-words)", () => {
    const files = clientWordFiles();
    expect(files.map((f) => path.basename(f.file)).sort()).toEqual(["auth.ar.json", "auth.en.json", "workspace.ar.json", "workspace.en.json"]);
    expect(fs.readdirSync(CLIENT_WORDS_DIR).sort(), "no file left over").toEqual(files.map((f) => path.basename(f.file)).sort());
    for (const { file, text } of files) {
      const written = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "(missing)";
      expect(written === text, `${path.relative(ROOT, file)} is out of date: run npm run i18n:client-words`).toBe(true);
    }
  });

  it("are none for the public site: its pages are documents without a client component", () => {
    expect([...namespacesAskedFrom("app/[locale]").keys()]).toEqual([]);
    expect(Object.keys(CLIENT_NAMESPACES)).not.toContain("public");
  });
});
