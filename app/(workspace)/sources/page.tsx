import type { Metadata } from "next";
import Link from "next/link";
import { RELIABILITY_LABEL } from "@/components/sources/reliability";
import { CreateSourceForm } from "@/components/sources/source-forms";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass, inputClass } from "@/components/ui/form";
import { Pager } from "@/components/ui/pager";
import { can } from "@/lib/auth/permissions";
import { pageContext } from "@/lib/server/doors";
import { listSourceOptions, listSources } from "@/lib/sources/list-sources";
import { ZCreateSource } from "@/lib/sources/schemas";
import { requiredFieldsOf } from "@/lib/validation/required-fields";

export const metadata: Metadata = { title: "Sources" };

export default async function SourcesPage({ searchParams }: { searchParams: Promise<{ q?: string; cursor?: string }> }) {
  const { db, actor } = await pageContext("/sources");
  const search = await searchParams;
  const [result, options] = await Promise.all([listSources(db, actor, search).catch(() => ({ items: [], nextCursor: null })), listSourceOptions(db, actor)]);
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <div className="min-w-0 space-y-4">
        <div>
          <h1>Sources</h1>
          <p className="text-sm text-stone-600">Who published or said something, rated on the Admiralty scale. Protected identities stay in the workspace.</p>
        </div>
        <form method="get" action="/sources" role="search" className="flex gap-2">
          <label htmlFor="q" className="sr-only">Search sources</label>
          <input id="q" name="q" type="search" defaultValue={search.q} placeholder="Search by name" className={inputClass} />
          <button type="submit" className={buttonClass.secondary}>Search</button>
        </form>
        {result.items.length === 0 ? (
          <EmptyState title={search.q ? "No source matches." : "No sources yet."}>Add the outlets, monitors, channels and people your evidence comes from.</EmptyState>
        ) : (
          <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white" data-testid="source-list">
            {result.items.map((s) => (
              <li key={s.id} className="flex items-baseline justify-between gap-3 px-4 py-3 text-sm">
                <span>
                  <Link href={`/sources/${s.id}`} className="font-medium text-stone-900" dir="auto">{s.name}</Link>
                  <span className="text-stone-500"> · {s.kind}{s.protected ? " · protected" : ""}</span>
                </span>
                <span className="text-xs text-stone-600">{RELIABILITY_LABEL[s.reliability]}</span>
              </li>
            ))}
          </ul>
        )}
        <Pager basePath="/sources" params={{ q: search.q }} nextCursor={result.nextCursor} isFirstPage={!search.cursor} />
      </div>
      {can(actor, "sources.create") ? (
        <aside className="rounded-lg border border-stone-200 bg-white p-4">
          <h2 className="mb-3 text-base">New source</h2>
          <CreateSourceForm options={options} required={requiredFieldsOf(ZCreateSource)} />
        </aside>
      ) : null}
    </div>
  );
}
