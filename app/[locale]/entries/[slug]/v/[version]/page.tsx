import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EntryView } from "@/components/public/entry-view";
import { VersionChanges } from "@/components/public/version-changes";
import { formatDateTime } from "@/components/ui/format";
import { isAppError } from "@/lib/errors/app-error";
import { readPublicEntry } from "@/lib/publishing/public-cache";
import { pickPublicEntryVersion } from "@/lib/publishing/public-entries";

type Params = { params: Promise<{ slug: string; version: string }> };

/** The entry (cached, with every version) and the version asked for; 404 when either is missing. */
async function loadVersion(params: Params["params"]) {
  const { slug, version } = await params;
  try {
    const entry = await readPublicEntry(slug);
    return { entry, version: pickPublicEntryVersion(entry, version) };
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** Kept like the entry page: it reads through the cached entry, whose tag a publication, correction or retraction drops. */
export const revalidate = 60;

export async function generateStaticParams(): Promise<{ slug: string; version: string }[]> {
  return [];
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { version } = await loadVersion(params);
  return { title: `${version.title} (version ${version.version} of ${version.versions})`, description: version.summary.slice(0, 200) };
}

/**
 * One version of a public entry at its own address: that version's snapshot exactly, marked as
 * such when it is not the current one, with what it changed against the version before.
 */
export default async function EntryVersionPage({ params }: Params) {
  const { entry, version } = await loadVersion(params);
  const CHANGE = { publication: "first publication", correction: "correction", retraction: "retraction" } as const;
  return (
    <div className="space-y-8">
      <div
        role="note"
        className={`rounded-lg border p-4 text-sm ${version.isCurrent ? "border-stone-200 bg-white" : "border-amber-300 bg-amber-50 text-amber-950"}`}
        data-testid="version-banner"
      >
        <p className="font-semibold">
          Version {version.version} of {version.versions}
          {version.isCurrent ? " — the current version." : " — this is not the current version."}
        </p>
        <p className="mt-1">
          Its {CHANGE[version.change]}, published {formatDateTime(version.publishedAt)}.{" "}
          <Link href={entry.url}>{version.isCurrent ? "The entry's page" : `Read the current version (${entry.version})`}</Link>
          {!version.isCurrent && entry.isRetracted ? " — the entry has since been retracted." : null}
        </p>
      </div>
      <section aria-labelledby="changes-heading" className="space-y-3">
        <h2 id="changes-heading">{version.version === 1 ? "What was published" : `What changed from version ${version.version - 1}`}</h2>
        {version.changeNote ? (
          <p className="text-sm" dir="auto" data-testid="version-change-note">
            <span className="font-medium">{version.change === "retraction" ? "Retraction note" : "Correction note"}: </span>
            {version.changeNote}
          </p>
        ) : null}
        {version.version > 1 ? <VersionChanges changes={version.changes} /> : null}
      </section>
      <EntryView entry={{ ...version, firstPublishedAt: entry.firstPublishedAt, history: entry.history }} viewing={version.version} />
    </div>
  );
}
