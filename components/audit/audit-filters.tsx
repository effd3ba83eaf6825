import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass, inputClass } from "@/components/ui/form";
import { type AuditEventType, AUDIT_EVENT_TYPES } from "@/lib/vocabulary";

export type AuditFilterValues = { actor?: string; type?: string; entity?: string; from?: string; to?: string; order?: string };

/** The event types grouped by what they are about (claim.…, evidence.…), as the select shows them. */
const TYPE_GROUPS = Object.entries(
  AUDIT_EVENT_TYPES.reduce<Record<string, AuditEventType[]>>((groups, type) => {
    const group = type.split(".")[0];
    (groups[group] ??= []).push(type);
    return groups;
  }, {}),
);

/** How an entity is written in the filter: code, the same in every language. */
const ENTITY_PLACEHOLDER = "claim:<id>, evidence:<id>, person:<id>…";

/**
 * The audit log's filters: who acted, the event type, the entity, a time range and the order. A
 * plain GET form, so it works without JavaScript and a filtered log is a link to share.
 */
export function AuditFilters({ values, people }: { values: AuditFilterValues; people: { id: string; name: string }[] }) {
  const t = useTranslations("audit");
  const active = Object.values(values).some(Boolean);
  return (
    <form method="get" action="/admin/audit" role="search" aria-label={t("filters.label")} data-testid="audit-filters" className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm sm:grid-cols-6">
      <div className="space-y-1 sm:col-span-2">
        <label htmlFor="audit-actor" className="block text-stone-700">{t("filters.person")}</label>
        <select id="audit-actor" name="actor" defaultValue={values.actor ?? ""} className={inputClass}>
          <option value="">{t("filters.anyone")}</option>
          {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </div>
      <div className="space-y-1 sm:col-span-2">
        <label htmlFor="audit-type" className="block text-stone-700">{t("filters.eventType")}</label>
        <select id="audit-type" name="type" defaultValue={values.type ?? ""} className={inputClass}>
          <option value="">{t("filters.any")}</option>
          {TYPE_GROUPS.map(([group, types]) => (
            <optgroup key={group} label={t(`eventGroup.${group}` as never)}>
              {types.map((type) => <option key={type} value={type}>{t(`eventType.${type}`)}</option>)}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="space-y-1 sm:col-span-2">
        <label htmlFor="audit-entity" className="block text-stone-700">{t("filters.entity")}</label>
        <input id="audit-entity" name="entity" defaultValue={values.entity} className={inputClass} placeholder={ENTITY_PLACEHOLDER} dir="ltr" translate="no" />
      </div>
      <div className="space-y-1">
        <label htmlFor="audit-from" className="block text-stone-700">{t("filters.from")}</label>
        <input type="date" id="audit-from" name="from" defaultValue={values.from} className={inputClass} />
      </div>
      <div className="space-y-1">
        <label htmlFor="audit-to" className="block text-stone-700">{t("filters.to")}</label>
        <input type="date" id="audit-to" name="to" defaultValue={values.to} className={inputClass} />
      </div>
      <div className="space-y-1 sm:col-span-2">
        <label htmlFor="audit-order" className="block text-stone-700">{t("filters.order")}</label>
        <select id="audit-order" name="order" defaultValue={values.order ?? ""} className={inputClass}>
          <option value="">{t("filters.orderDefault")}</option>
          <option value="desc">{t("filters.newestFirst")}</option>
          <option value="asc">{t("filters.oldestFirst")}</option>
        </select>
      </div>
      <div className="flex items-end gap-3 sm:col-span-2">
        <button type="submit" className={buttonClass.primary}>{t("filters.show")}</button>
        {active ? <Link href="/admin/audit">{t("filters.clear")}</Link> : null}
      </div>
    </form>
  );
}
