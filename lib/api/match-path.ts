import { type HttpMethod, methodOf, OPERATION_IDS, type OperationId, pathOf } from "./operations";

/**
 * Which of the operation table's paths a request path reaches, and the path's parameters:
 * the one dispatcher (`app/api/v1/[[...path]]/route.ts`, ./route-handlers.ts) serves every
 * operation by it, and the tests ask it which operation a sample path reaches. A literal segment
 * wins over a `{parameter}` at the same place (`/persons/match` before `/persons/{personId}`),
 * as Next picks route folders. Pure data work: the permission matrix runs it in Playwright.
 */

export type PathMatch = {
  /** The template, `/api/v1/claims/{claimId}`. */
  path: string;
  /** Its parameters, percent-decoded, by the template's names. */
  params: Record<string, string>;
  /** The operation of each method the table lists at that path. */
  operations: Partial<Record<HttpMethod, OperationId>>;
};

type Template = { path: string; segments: string[]; operations: Partial<Record<HttpMethod, OperationId>> };

const TEMPLATES: Template[] = (() => {
  const byPath = new Map<string, Template>();
  for (const id of OPERATION_IDS) {
    const path = pathOf(id);
    const template = byPath.get(path) ?? { path, segments: path.split("/").filter(Boolean), operations: {} };
    template.operations[methodOf(id)] = id;
    byPath.set(path, template);
  }
  return [...byPath.values()];
})();

const PARAMETER = /^\{(\w+)\}$/;

/** The template a path reaches, or null (no such path, or a segment that is not valid %-encoding). */
export function matchPath(urlPath: string): PathMatch | null {
  let parts: string[];
  try {
    parts = urlPath.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
  let best: { template: Template; score: number[] } | null = null;
  for (const template of TEMPLATES) {
    if (template.segments.length !== parts.length) continue;
    const score: number[] = [];
    let fits = true;
    for (let i = 0; i < parts.length && fits; i++) {
      const segment = template.segments[i];
      if (PARAMETER.test(segment)) score.push(1);
      else if (segment === parts[i]) score.push(0);
      else fits = false;
    }
    if (fits && (!best || isMoreLiteral(score, best.score))) best = { template, score };
  }
  if (!best) return null;
  const params: Record<string, string> = {};
  best.template.segments.forEach((segment, i) => {
    const name = PARAMETER.exec(segment)?.[1];
    if (name) params[name] = parts[i];
  });
  return { path: best.template.path, params, operations: best.template.operations };
}

/** The first place two scores differ decides: a literal segment (0) before a parameter (1). */
function isMoreLiteral(a: number[], b: number[]): boolean {
  const at = a.findIndex((x, i) => x !== b[i]);
  return at >= 0 && a[at] < b[at];
}

/** A template's concrete sample: `{claimId}` → a segment no literal path has. */
export function samplePath(template: string): string {
  return template.replace(/\{\w+\}/g, "table-sample");
}
