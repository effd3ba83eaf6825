import "server-only";
import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/connect";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";

/** How deep incidents nest: the coast → a town → a neighbourhood → a street is four; eight is room to spare, and bounds every walk. */
export const MAX_INCIDENT_DEPTH = 8;

/** The incident's ancestors, nearest first (each step one indexed lookup; bounded by the depth). */
export async function ancestorsOf(db: Db, incidentId: string): Promise<string[]> {
  const rows = await db.execute(sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from incidents where id = ${incidentId}
      union all
      select i.id, i.parent_id, up.depth + 1 from incidents i join up on i.id = up.parent_id where up.depth < ${MAX_INCIDENT_DEPTH}
    )
    select id from up where depth > 0 order by depth`);
  return rowsOf<{ id: string }>(rows).map((r) => r.id);
}

/** The incident and every incident under it, with each one's depth below it (0 for itself). */
export async function subtreeOf(db: Db, incidentId: string): Promise<{ id: string; parentId: string | null; depth: number }[]> {
  const rows = await db.execute(sql`
    with recursive down(id, parent_id, depth) as (
      select id, parent_id, 0 from incidents where id = ${incidentId}
      union all
      select i.id, i.parent_id, down.depth + 1 from incidents i join down on i.parent_id = down.id where down.depth < ${MAX_INCIDENT_DEPTH}
    )
    select id, parent_id, depth from down`);
  return rowsOf<{ id: string; parent_id: string | null; depth: number }>(rows).map((r) => ({ id: r.id, parentId: r.parent_id, depth: Number(r.depth) }));
}

/**
 * Refuses a parent that does not exist, that is the incident itself or one under it (a loop), or
 * that would nest the incident's tree deeper than MAX_INCIDENT_DEPTH. `incidentId` is null for a
 * new incident.
 */
export async function assertParentFits(db: Db, incidentId: string | null, parentId: string): Promise<void> {
  const refuse = (message: string) => new AppError("BAD_REQUEST", tr("errors.fieldErrors"), { fieldErrors: { parentId: [message] } });
  const [parent] = rowsOf<{ id: string }>(await db.execute(sql`select id from incidents where id = ${parentId}`));
  if (!parent) throw refuse(tr("errors.incidents.notFound"));
  const above = [parentId, ...(await ancestorsOf(db, parentId))];
  if (incidentId && above.includes(incidentId)) throw refuse(tr("errors.incidents.parentLoop"));
  const below = incidentId ? Math.max(...(await subtreeOf(db, incidentId)).map((n) => n.depth)) : 0;
  if (above.length + below + 1 > MAX_INCIDENT_DEPTH) throw refuse(tr("errors.incidents.tooDeep", { max: MAX_INCIDENT_DEPTH }));
}
