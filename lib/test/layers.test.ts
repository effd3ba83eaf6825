import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The layers' rules that grep can check (ARCHITECTURE.md, "Folders"): the UI never imports the
 * database layer, the vocabulary imports nothing, and db/ (data only: schema, connection,
 * migrations) reaches into lib/ only for the vocabulary; db/'s tests use the test fixtures; pages,
 * actions and route handlers get the database and the actor from their door kit; and lib/ reaches
 * Next only through the files whose job is the boundary with it. A file that breaks one is named.
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

/** The modules a file loads when it runs: `import type` loads nothing, and dynamic imports load later. */
function runtimeImportsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s+(type\s+)?[^;]*?\bfrom\s+["']([^"']+)["']/g)].filter((m) => !m[1]).map((m) => m[2]);
}

/** The source file an import lands on, or null (a package, or not a source file). */
function sourceFileOf(file: string, specifier: string): string | null {
  const base = target(file, specifier);
  if (base === null) return null;
  for (const ending of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    const candidate = path.join(root, base + ending);
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return base + ending;
  }
  return null;
}

/** Groups of files that load one another in a circle (Tarjan's strongly connected components). */
function importCycles(folders: string[]): string[][] {
  const graph = new Map<string, string[]>();
  for (const file of folders.flatMap(sources).filter((f) => !/\.test\.tsx?$/.test(f))) {
    graph.set(file, runtimeImportsOf(file).map((s) => sourceFileOf(file, s)).filter((to): to is string => to !== null));
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || graph.get(v)!.includes(v)) cycles.push(group);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
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

  it("the vocabulary imports nothing, and db/ reaches into lib/ only for it (its tests aside)", () => {
    expect(importsOf("lib/vocabulary.ts")).toEqual([]);
    const dataOnly = (to: string) => to.startsWith("lib/") && to !== "lib/vocabulary";
    expect(offending("db", dataOnly).filter((line) => !line.split(" → ")[0].endsWith(".test.ts"))).toEqual([]);
  });

  it("no files load one another in a circle (app, components, lib, db)", () => {
    // db/client → db/seed → lib/workflow/transition-claim → lib/publishing/public-cache → db/client was one.
    expect(importCycles(["app", "components", "lib", "db"])).toEqual([]);
  });

  it("pages, actions and route handlers get the database from their door kit, never from db/ or getDb", () => {
    const kitOnly = (to: string) => to === "db" || to.startsWith("db/") || to === "lib/server/database";
    expect(offending("app", kitOnly)).toEqual([]);
    expect(offending("components", kitOnly)).toEqual([]);
  });

  it("a server action is bound in the Server Component that renders its form, never in a Client Component", () => {
    // Bound on the client, each render binds anew and the answer to a post sent without
    // JavaScript never finishes rendering: one refused post holds a core (vercel/next.js#57867;
    // e2e/security/attacks-forms-nojs.spec.ts).
    const isClient = (file: string) => /^\s*["']use client["']/.test(fs.readFileSync(path.join(root, file), "utf8"));
    const bindsOnTheClient = ["app", "components"]
      .flatMap(sources)
      .filter(isClient)
      .flatMap((file) => [...fs.readFileSync(path.join(root, file), "utf8").matchAll(/(\w+)\.bind\(/g)].map((m) => `${file}: ${m[1]}.bind(`));
    expect(bindsOnTheClient).toEqual([]);
    // The check sees what it is for: forms are client files, and their pages bind their actions.
    expect(isClient("components/claims/grade-form.tsx")).toBe(true);
    expect(fs.readFileSync(path.join(root, "app/(workspace)/claims/[claimId]/page.tsx"), "utf8")).toContain("gradeAction.bind(null, claim.id)");
  });

  it("lib/ imports Next only in the files whose job is the boundary with it (ARCHITECTURE.md)", () => {
    const boundary = [
      "lib/server/doors.ts",
      "lib/server/after-commit.ts",
      "lib/publishing/public-cache.ts",
      // The request's session cookie (read with Auth.js's getToken, lib/auth/session-cookie.ts).
      "lib/auth/current-actor.ts",
      // The request's language (its cookie and Accept-Language) and next-intl's per-request configuration.
      "lib/i18n/chosen-language.ts",
      "lib/i18n/request.ts",
      "lib/i18n/site-metadata.ts",
    ];
    const fromNext = sources("lib")
      .filter((file) => !/\.test\.tsx?$/.test(file) && !boundary.includes(file))
      .flatMap((file) => importsOf(file).filter((s) => s === "next" || s.startsWith("next/")).map((s) => `${file} → ${s}`));
    expect(fromNext).toEqual([]);
    // The check sees what it is for: the boundary does import Next.
    expect(importsOf("lib/server/after-commit.ts")).toContain("next/cache");
  });

  it("PAGE_SEGMENTS (proxy.ts, the request metrics) holds every first segment of the pages that are not the public site's languages", async () => {
    const { PAGE_SEGMENTS } = await import("@/lib/http/page-segments");
    const folders = ["app/(workspace)", "app/(auth)", "app/[locale]"].flatMap((dir) =>
      // Static folders only: the public site's catch-all (`[...rest]`) answers what nothing else does.
      fs.readdirSync(path.join(root, dir), { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith("[")).map((e) => e.name),
    );
    expect([...PAGE_SEGMENTS].sort()).toEqual([...new Set(folders)].sort());
  });

  it("the proxy leaves out the cached entry pages of exactly the languages we have, at their own addresses", async () => {
    const { config } = await import("@/proxy");
    const { DEFAULT_LOCALE, LOCALES } = await import("@/lib/i18n/locales");
    const source = (config.matcher[0] as { source: string }).source;
    const prefixes = /\(\?:([a-z|/]+)\)\?entries\//.exec(source)?.[1].split("|").map((p) => p.replace(/\/$/, ""));
    expect(prefixes?.sort()).toEqual(LOCALES.filter((l) => l !== DEFAULT_LOCALE).sort());
  });

  it("ARCHITECTURE.md's folder table names every top-level folder and every folder of lib/ and e2e/", () => {
    const doc = fs.readFileSync(path.join(root, "ARCHITECTURE.md"), "utf8");
    const table = doc.slice(doc.indexOf("| folder | holds |"));
    const named = new Set([...table.slice(0, table.indexOf("\n\n")).matchAll(/^\| ([^|]+)\|/gm)].flatMap((row) => [...row[1].matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\/$/, ""))));
    const dirs = (folder: string) => fs.readdirSync(path.join(root, folder), { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith(".")).map((d) => `${folder}/${d.name}`);
    const folders = ["app", "components", "db", "lib", "e2e", "public"];
    const missing = [...folders, ...dirs("lib"), ...dirs("e2e")].filter((folder) => ![...named].some((name) => name === folder || name.startsWith(`${folder}/`)));
    expect(missing).toEqual([]);
    expect(named.size).toBeGreaterThan(20); // the table was found
  });
});
