import type { IncidentOption } from "./list-incidents";

/**
 * Incidents for a picker, each under the one it belongs to: depth-first from the top ones, each
 * label led by one "— " per level ("Coastal killings", "— Baniyas", "— — al-Qusour"). Incidents
 * whose parent is not among the options (past the picker's bound) are listed as top ones.
 */
export function incidentOptionLabels(options: readonly IncidentOption[]): { id: string; label: string }[] {
  const ids = new Set(options.map((o) => o.id));
  const children = new Map<string | null, IncidentOption[]>();
  for (const o of options) {
    const parent = o.parentId && ids.has(o.parentId) ? o.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), o]);
  }
  const out: { id: string; label: string }[] = [];
  const stack: [IncidentOption, number][] = [...(children.get(null) ?? [])].reverse().map((o) => [o, 0]);
  while (stack.length) {
    const [o, depth] = stack.pop()!;
    out.push({ id: o.id, label: `${"— ".repeat(depth)}${o.title} (${o.placeName}, ${o.startDate})` });
    for (const child of [...(children.get(o.id) ?? [])].reverse()) stack.push([child, depth + 1]);
  }
  return out;
}
