import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { GRADE_LABEL, GRADE_MEANING, KIND_LABEL } from "@/components/ui/badges";
import { formatDateTime, formatIncidentDate } from "@/components/ui/format";
import { getDb } from "@/db/client";
import { isAppError } from "@/lib/errors/app-error";
import { getPublicEntry } from "@/lib/publishing/public-entries";

const CHANGE_LABEL = { publication: "Published", correction: "Corrected", retraction: "Retracted" } as const;

async function loadEntry(slug: string) {
  return getPublicEntry(await getDb(), slug).catch((error) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const entry = await loadEntry((await params).slug);
  return { title: entry.title };
}

export default async function EntryPage({ params }: { params: Promise<{ slug: string }> }) {
  const entry = await loadEntry((await params).slug);
  const incident = formatIncidentDate(entry.incidentDate);
  return (
    <article className="space-y-8">
      {entry.isRetracted ? (
        <div role="note" className="rounded-lg border border-rose-300 bg-rose-50 p-4 text-rose-950" data-testid="retraction-banner">
          <p className="font-semibold">This entry was retracted on {formatDateTime(entry.publishedAt)}.</p>
          {entry.changeNote ? <p className="mt-1" dir="auto">{entry.changeNote}</p> : null}
        </div>
      ) : null}
      <header className="space-y-2">
        <p className="text-sm text-stone-600">{KIND_LABEL[entry.kind]} · version {entry.version}</p>
        <h1 className="text-3xl" dir="auto" data-testid="entry-title">{entry.title}</h1>
      </header>
      <p className="whitespace-pre-line text-lg leading-relaxed text-stone-800" dir="auto">{entry.summary}</p>
      <dl className="grid gap-4 rounded-lg border border-stone-200 bg-white p-5 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-stone-500">Our grade</dt>
          <dd className="font-medium">{entry.grade ? GRADE_LABEL[entry.grade] : "Not graded"}</dd>
          {entry.grade ? <dd className="mt-1 text-stone-600">{GRADE_MEANING[entry.grade]}</dd> : null}
        </div>
        <div>
          <dt className="text-stone-500">When</dt>
          <dd>{incident ?? "Not established"}</dd>
        </div>
        <div>
          <dt className="text-stone-500">Where</dt>
          <dd dir="auto">{entry.place.name ?? "Not established"}</dd>
          {entry.place.latitude !== null ? (
            <dd className="text-xs text-stone-500">
              {entry.place.latitude}, {entry.place.longitude} ({entry.place.precision})
            </dd>
          ) : null}
        </div>
      </dl>
      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading">Version history</h2>
        <ol className="space-y-2" data-testid="entry-history">
          {[...entry.history].reverse().map((v) => (
            <li key={v.version} className="rounded-md border border-stone-200 bg-white px-4 py-3 text-sm">
              <p>
                <span className="font-medium">Version {v.version}</span> · {CHANGE_LABEL[v.change]} ·{" "}
                <time dateTime={v.publishedAt}>{formatDateTime(v.publishedAt)}</time>
              </p>
              {v.changeNote ? <p className="mt-1 text-stone-700" dir="auto">{v.changeNote}</p> : null}
              {v.change !== "retraction" && v.snapshot.title !== entry.title ? (
                <p className="mt-1 text-stone-500" dir="auto">Title then: “{v.snapshot.title}”</p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
