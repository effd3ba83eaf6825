import fs from "node:fs";
import path from "node:path";
import { HTTP_METHODS } from "@/lib/api/operations";

/**
 * The API as the file system declares it: every `app/api/v1/**\/route.ts` and the methods it
 * exports, and which of them a concrete path reaches (Next's precedence: a static segment before
 * a dynamic one, before a catch-all, before an optional catch-all). Read by
 * `lib/api/operations.test.ts` (against the operation table) and the permission matrix's spec
 * (`e2e/security/support/routes.ts`).
 */

export type FileRoute = { file: string; segments: string[]; methods: string[] };

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : e.name === "route.ts" ? [full] : [];
  });
}

/** The HTTP methods a route file exports: `export const GET = …`, `export function GET`, `export { x as GET }`, `export const { GET, POST } = …`. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  const isMethod = (name: string) => (HTTP_METHODS as readonly string[]).includes(name);
  const names = HTTP_METHODS.join("|");
  for (const m of source.matchAll(new RegExp(`export\\s+(?:const|let|(?:async\\s+)?function)\\s+(${names})\\b`, "g"))) found.add(m[1]);
  for (const block of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of block[1].split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop()!.trim();
      if (isMethod(name)) found.add(name);
    }
  }
  for (const block of source.matchAll(/export\s+(?:const|let)\s*\{([^}]*)\}\s*=/g)) {
    for (const part of block[1].split(",")) {
      // `{ GET }` or `{ handler: GET }`: the exported name is the last one.
      const name = part.trim().split(/\s*:\s*/).pop()!.trim();
      if (isMethod(name)) found.add(name);
    }
  }
  return [...found].sort();
}

export function fileRoutes(root = "app/api/v1"): FileRoute[] {
  return walk(root)
    .sort()
    .map((file) => ({
      file,
      segments: path.relative(root, path.dirname(file)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s)),
      methods: exportedMethods(fs.readFileSync(file, "utf8")),
    }));
}

/** How specific each segment of a route is, for matching (lower wins), or null when the path does not reach it. */
function match(route: FileRoute, parts: string[]): number[] | null {
  const score: number[] = [];
  let i = 0;
  for (const seg of route.segments) {
    if (/^\[\[\.\.\.\w+\]\]$/.test(seg)) return [...score, 3];
    if (/^\[\.\.\.\w+\]$/.test(seg)) return i < parts.length ? [...score, 2] : null;
    if (i >= parts.length) return null;
    if (/^\[\w+\]$/.test(seg)) score.push(1);
    else if (seg === parts[i]) score.push(0);
    else return null;
    i += 1;
  }
  return i === parts.length ? score : null;
}

/** The route file a path under /api/v1 reaches, as Next would choose it. */
export function routeOf(routes: FileRoute[], urlPath: string): FileRoute | null {
  const parts = urlPath.replace(/^\/api\/v1\/?/, "").split("/").filter(Boolean);
  let best: { route: FileRoute; score: number[] } | null = null;
  for (const route of routes) {
    const score = match(route, parts);
    if (!score) continue;
    if (!best) {
      best = { route, score };
      continue;
    }
    const a = score;
    const b = best.score;
    for (let k = 0; k < Math.max(a.length, b.length); k++) {
      const x = a[k] ?? -1;
      const y = b[k] ?? -1;
      if (x !== y) {
        if (x < y) best = { route, score };
        break;
      }
    }
  }
  return best?.route ?? null;
}

/** A template's concrete sample: `{claimId}` → a segment no static route has. */
export function samplePath(template: string): string {
  return template.replace(/\{\w+\}/g, "matrix-sample");
}
