import Link from "next/link";
import { connection } from "next/server";
import { GRADE_LABEL, KIND_LABEL } from "@/components/ui/badges";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate, formatIncidentDate } from "@/components/ui/format";
import { Pager } from "@/components/ui/pager";
import { EntryFilters, type EntryFilterValues } from "@/components/public/entry-filters";
import { FormMessage } from "@/components/ui/form";
import { isAppError } from "@/lib/errors/app-error";
import { readPublicEntries } from "@/lib/publishing/public-cache";

type Search = EntryFilterValues & { cursor?: string };

export default async function PublicHome({ searchParams }: { searchParams: Promise<Search> }) {
  // Read at request time: a build must never bake the database into this page.
  await connection();
  const raw = await searchParams;
  const first = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
  const filters: EntryFilterValues = { q: first(raw.q), kind: first(raw.kind), grade: first(raw.grade), place: first(raw.place), from: first(raw.from), to: first(raw.to) };
  const cursor = first(raw.cursor);
  let problem: string | null = null;
  const result = await readPublicEntries({ ...filters, cursor }).catch((error) => {
    if (!isAppError(error)) throw error;
    problem = Object.values(error.details.fieldErrors ?? {}).flat()[0] ?? error.message;
    return { items: [], nextCursor: null };
  });
  const filtered = Object.values(filters).some(Boolean);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl">Verified entries</h1>
        <p className="mt-2 max-w-2xl text-stone-600">
          Statements about the events we document, each checked by at least two people, graded by how many independent
          origins support it, and kept with its full history of corrections.
        </p>
      </div>
      <EntryFilters values={filters} />
      {problem ? <FormMessage tone="error" message={`These filters cannot be used: ${problem}`} /> : null}
      {result.items.length === 0 ? (
        <EmptyState title={filtered ? "No published entry matches these filters." : "Nothing has been published yet."} />
      ) : (
        <ul className="space-y-4" data-testid="public-entries">
          {result.items.map((entry) => (
            <li key={entry.slug} className="rounded-lg border border-stone-200 bg-white p-5" data-testid="public-entry">
              <div className="flex flex-wrap gap-2 text-xs text-stone-600">
                <span>{KIND_LABEL[entry.kind]}</span>
                {entry.grade ? <span>· {GRADE_LABEL[entry.grade]}</span> : null}
                {entry.origins ? <span>· {entry.origins.count} independent origin{entry.origins.count === 1 ? "" : "s"}</span> : null}
                {entry.isRetracted ? <span className="font-semibold text-rose-800">· Retracted</span> : null}
                {entry.version > 1 && !entry.isRetracted ? <span>· Corrected (version {entry.version})</span> : null}
              </div>
              <h2 className="mt-1 text-lg" dir="auto">
                <Link href={entry.url} className="text-stone-900">{entry.title}</Link>
              </h2>
              <p className="mt-1 text-sm text-stone-600" dir="auto">
                {[entry.place.name, formatIncidentDate(entry.incidentDate)].filter(Boolean).join(" · ")}
              </p>
              <p className="mt-1 text-xs text-stone-600">Updated {formatDate(entry.publishedAt)}</p>
            </li>
          ))}
        </ul>
      )}
      <Pager basePath="/" params={filters} nextCursor={result.nextCursor} isFirstPage={!cursor} />
    </div>
  );
}
