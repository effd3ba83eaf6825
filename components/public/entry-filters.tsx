import Link from "next/link";
import { GRADE_LABEL, KIND_LABEL } from "@/components/ui/badges";
import { buttonClass, inputClass } from "@/components/ui/form";
import { CLAIM_KINDS, GRADES } from "@/lib/vocabulary";

export type EntryFilterValues = { kind?: string; grade?: string; place?: string; q?: string; from?: string; to?: string };

/** The public list's filters: a plain GET form, so it works without JavaScript and links can be shared. */
export function EntryFilters({ values }: { values: EntryFilterValues }) {
  const active = Object.values(values).some(Boolean);
  return (
    <form method="get" action="/" role="search" aria-label="Filter entries" className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm sm:grid-cols-6">
      <label className="space-y-1 sm:col-span-2">
        <span className="block text-stone-700">Search</span>
        <input name="q" defaultValue={values.q} dir="auto" className={inputClass} placeholder="Words in the title or summary" />
      </label>
      <label className="space-y-1">
        <span className="block text-stone-700">Kind</span>
        <select name="kind" defaultValue={values.kind ?? ""} className={inputClass}>
          <option value="">Any</option>
          {CLAIM_KINDS.map((k) => <option key={k} value={k}>{KIND_LABEL[k]}</option>)}
        </select>
      </label>
      <label className="space-y-1">
        <span className="block text-stone-700">Grade</span>
        <select name="grade" defaultValue={values.grade ?? ""} className={inputClass}>
          <option value="">Any</option>
          {GRADES.map((g) => <option key={g} value={g}>{GRADE_LABEL[g]}</option>)}
        </select>
      </label>
      <label className="space-y-1 sm:col-span-2">
        <span className="block text-stone-700">Place</span>
        <input name="place" defaultValue={values.place} dir="auto" className={inputClass} placeholder="e.g. Baniyas" />
      </label>
      <label className="space-y-1">
        <span className="block text-stone-700">From</span>
        <input type="date" name="from" defaultValue={values.from} className={inputClass} />
      </label>
      <label className="space-y-1">
        <span className="block text-stone-700">To</span>
        <input type="date" name="to" defaultValue={values.to} className={inputClass} />
      </label>
      <div className="flex items-end gap-3 sm:col-span-4">
        <button type="submit" className={buttonClass.primary}>Show entries</button>
        {active ? <Link href="/">Clear filters</Link> : null}
      </div>
    </form>
  );
}
