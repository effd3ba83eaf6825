import Link from "next/link";
import { GRADE_LABEL, KIND_LABEL } from "@/components/ui/badges";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate, formatIncidentDate } from "@/components/ui/format";
import { Pager } from "@/components/ui/pager";
import { getDb } from "@/db/client";
import { listPublicEntries } from "@/lib/publishing/public-entries";

export default async function PublicHome({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const { cursor } = await searchParams;
  const result = await listPublicEntries(await getDb(), { cursor }).catch(() => ({ items: [], nextCursor: null }));
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl">Verified entries</h1>
        <p className="mt-2 max-w-2xl text-stone-600">
          Statements about the events we document, each checked by at least two people, graded by how many independent
          origins support it, and kept with its full history of corrections.
        </p>
      </div>
      {result.items.length === 0 ? (
        <EmptyState title="Nothing has been published yet." />
      ) : (
        <ul className="space-y-4" data-testid="public-entries">
          {result.items.map((entry) => (
            <li key={entry.slug} className="rounded-lg border border-stone-200 bg-white p-5" data-testid="public-entry">
              <div className="flex flex-wrap gap-2 text-xs text-stone-600">
                <span>{KIND_LABEL[entry.kind]}</span>
                {entry.grade ? <span>· {GRADE_LABEL[entry.grade]}</span> : null}
                {entry.isRetracted ? <span className="font-semibold text-rose-800">· Retracted</span> : null}
                {entry.version > 1 && !entry.isRetracted ? <span>· Corrected (version {entry.version})</span> : null}
              </div>
              <h2 className="mt-1 text-lg" dir="auto">
                <Link href={entry.url} className="text-stone-900">{entry.title}</Link>
              </h2>
              <p className="mt-1 text-sm text-stone-600" dir="auto">
                {[entry.place.name, formatIncidentDate(entry.incidentDate)].filter(Boolean).join(" · ")}
              </p>
              <p className="mt-1 text-xs text-stone-500">Updated {formatDate(entry.publishedAt)}</p>
            </li>
          ))}
        </ul>
      )}
      <Pager basePath="/" params={{}} nextCursor={result.nextCursor} isFirstPage={!cursor} />
    </div>
  );
}
