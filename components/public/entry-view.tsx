import Link from "next/link";
import { GRADE_LABEL, GRADE_MEANING, KIND_LABEL } from "@/components/ui/badges";
import { formatDateTime, formatIncidentDate } from "@/components/ui/format";
import type { PublicEntryDto, PublicEntryVersionDto } from "@/lib/publishing/public-entries";
import { EntryMap } from "./entry-map";
import { EntryEvidence, EntryFigures, EntryPersons } from "./entry-sections";

const CHANGE_LABEL = { publication: "Published", correction: "Corrected", retraction: "Retracted" } as const;

export type EntryViewData = PublicEntryDto & { firstPublishedAt: string; history: PublicEntryVersionDto[] };

/**
 * A public entry as readers see it; the editor's preview shows the same component (`preview`: its
 * newest version is not published, so versions are not linked). Each version of the history links
 * to its own address; `viewing` marks the one a version's page shows.
 */
export function EntryView({ entry, preview = false, viewing }: { entry: EntryViewData; preview?: boolean; viewing?: number }) {
  const incident = formatIncidentDate(entry.incidentDate);
  const { latitude, longitude } = entry.place;
  return (
    <article className="space-y-8">
      {entry.isRetracted ? (
        <div role="note" className="rounded-lg border border-rose-300 bg-rose-50 p-4 text-rose-950" data-testid="retraction-banner">
          <p className="font-semibold">This entry was retracted on {formatDateTime(entry.publishedAt)}.</p>
          {entry.changeNote ? <p className="mt-1" dir="auto">{entry.changeNote}</p> : null}
        </div>
      ) : null}
      <header className="space-y-2">
        <p className="text-sm text-stone-600">
          {KIND_LABEL[entry.kind]} · version {entry.version} · first published {formatDateTime(entry.firstPublishedAt)}
        </p>
        <h1 className="text-3xl" dir="auto" lang={entry.language} data-testid="entry-title">{entry.title}</h1>
      </header>
      <p className="whitespace-pre-line text-lg leading-relaxed text-stone-800" dir="auto" lang={entry.language}>{entry.summary}</p>
      <dl className="grid gap-4 rounded-lg border border-stone-200 bg-white p-5 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-stone-600">Our grade</dt>
          <dd className="font-medium" data-testid="entry-grade">{entry.grade ? GRADE_LABEL[entry.grade] : "Not graded"}</dd>
          {entry.grade ? (
            <dd className="mt-1 text-stone-700">
              {GRADE_MEANING[entry.grade]} <Link href="/methodology#grades">How we grade</Link>
            </dd>
          ) : null}
        </div>
        <div>
          <dt className="text-stone-600">When</dt>
          <dd>{incident ?? "Not established"}</dd>
        </div>
        <div>
          <dt className="text-stone-600">Where</dt>
          <dd dir="auto">{entry.place.name ?? "Not established"}</dd>
        </div>
      </dl>
      {latitude !== null && longitude !== null ? <EntryMap latitude={latitude} longitude={longitude} precision={entry.place.precision} name={entry.place.name} /> : null}
      <EntryFigures figures={entry.figures} />
      <EntryPersons persons={entry.persons} />
      <EntryEvidence evidence={entry.evidence} origins={entry.origins} />
      {entry.appearances?.length ? (
        <section aria-labelledby="appearances-heading" className="space-y-2">
          <h2 id="appearances-heading">Where it appeared</h2>
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {entry.appearances.map((url) => (
              <li key={url} className="break-all"><a href={url} rel="noopener noreferrer nofollow">{url}</a></li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading">Version history</h2>
        <ol className="space-y-2" data-testid="entry-history">
          {[...entry.history].reverse().map((v) => (
            <li key={v.version} className="rounded-md border border-stone-200 bg-white px-4 py-3 text-sm">
              <p>
                {preview || v.version === viewing ? (
                  <span className="font-medium" aria-current={v.version === viewing ? "page" : undefined}>Version {v.version}</span>
                ) : (
                  <Link className="font-medium" href={`/entries/${entry.slug}/v/${v.version}`}>Version {v.version}</Link>
                )}{" "}
                · {CHANGE_LABEL[v.change]} ·{" "}
                <time dateTime={v.publishedAt}>{formatDateTime(v.publishedAt)}</time>
              </p>
              {v.changeNote ? <p className="mt-1 text-stone-700" dir="auto">{v.changeNote}</p> : null}
              {v.change !== "retraction" && v.snapshot.title !== entry.title ? (
                <p className="mt-1 text-stone-600" dir="auto">Title then: “{v.snapshot.title}”</p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
