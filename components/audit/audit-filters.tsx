import Link from "next/link";
import { buttonClass, inputClass } from "@/components/ui/form";
import { AUDIT_EVENT_TYPES } from "@/lib/vocabulary";

export type AuditFilterValues = { actor?: string; type?: string; entity?: string; from?: string; to?: string; order?: string };

/** The event types grouped by what they are about (claim.…, evidence.…), as the select shows them. */
const TYPE_GROUPS = Object.entries(
  AUDIT_EVENT_TYPES.reduce<Record<string, string[]>>((groups, type) => {
    const group = type.split(".")[0];
    (groups[group] ??= []).push(type);
    return groups;
  }, {}),
);

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** "claim.person_visibility_changed" as a person reads it: "Person visibility changed". */
function eventTypeLabel(type: string): string {
  return capitalised(type.slice(type.indexOf(".") + 1).replaceAll("_", " "));
}

/**
 * The audit log's filters: who acted, the event type, the entity, a time range and the order. A
 * plain GET form, so it works without JavaScript and a filtered log is a link to share.
 */
export function AuditFilters({ values, people }: { values: AuditFilterValues; people: { id: string; name: string }[] }) {
  const active = Object.values(values).some(Boolean);
  return (
    <form method="get" action="/admin/audit" role="search" aria-label="Filter events" data-testid="audit-filters" className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm sm:grid-cols-6">
      <div className="space-y-1 sm:col-span-2">
        <label htmlFor="audit-actor" className="block text-stone-700">Person</label>
        <select id="audit-actor" name="actor" defaultValue={values.actor ?? ""} className={inputClass}>
          <option value="">Anyone</option>
          {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </div>
      <div className="space-y-1 sm:col-span-2">
        <label htmlFor="audit-type" className="block text-stone-700">Event type</label>
        <select id="audit-type" name="type" defaultValue={values.type ?? ""} className={inputClass}>
          <option value="">Any</option>
          {TYPE_GROUPS.map(([group, types]) => (
            <optgroup key={group} label={capitalised(group)}>
              {types.map((t) => <option key={t} value={t}>{eventTypeLabel(t)}</option>)}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="space-y-1 sm:col-span-2">
        <label htmlFor="audit-entity" className="block text-stone-700">Entity</label>
        <input id="audit-entity" name="entity" defaultValue={values.entity} className={inputClass} placeholder="claim:<id>, evidence:<id>, person:<id>…" />
      </div>
      <div className="space-y-1">
        <label htmlFor="audit-from" className="block text-stone-700">From</label>
        <input type="date" id="audit-from" name="from" defaultValue={values.from} className={inputClass} />
      </div>
      <div className="space-y-1">
        <label htmlFor="audit-to" className="block text-stone-700">To</label>
        <input type="date" id="audit-to" name="to" defaultValue={values.to} className={inputClass} />
      </div>
      <div className="space-y-1 sm:col-span-2">
        <label htmlFor="audit-order" className="block text-stone-700">Order</label>
        <select id="audit-order" name="order" defaultValue={values.order ?? ""} className={inputClass}>
          <option value="">Newest first (one entity: oldest first)</option>
          <option value="desc">Newest first</option>
          <option value="asc">Oldest first</option>
        </select>
      </div>
      <div className="flex items-end gap-3 sm:col-span-2">
        <button type="submit" className={buttonClass.primary}>Show events</button>
        {active ? <Link href="/admin/audit">Clear filters</Link> : null}
      </div>
    </form>
  );
}
