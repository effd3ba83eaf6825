import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { can } from "@/lib/auth/permissions";

export type ViewRow = { id: string; name: string; filters: Record<string, string>; shared: boolean; ownerId: string; ownerName: string; createdAt: Date };

/** A saved view as the queue shows it: whose it is, and whether the reader may delete it. */
export function toViewDto(row: ViewRow, actor: Actor) {
  return {
    id: row.id,
    name: row.name,
    filters: row.filters,
    shared: row.shared,
    owner: { id: row.ownerId, name: row.ownerName },
    mine: row.ownerId === actor.id,
    canDelete: row.ownerId === actor.id || (row.shared && can(actor, "views.moderate")),
    createdAt: row.createdAt.toISOString(),
  };
}

export type SavedViewDto = ReturnType<typeof toViewDto>;
