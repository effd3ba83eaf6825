import type { Metadata } from "next";
import Link from "next/link";
import { NamedPreview } from "@/components/persons/named-preview";
import { EntryView } from "@/components/public/entry-view";
import { SnapshotFields } from "@/components/public/snapshot-fields";
import { VersionChanges } from "@/components/public/version-changes";
import { previewPublicEntry } from "@/lib/publishing/preview-entry";
import { orNotFound, pageContext } from "@/lib/server/doors";

export const metadata: Metadata = { title: "Preview of the public entry" };

export default async function PreviewPage({ params }: { params: Promise<{ claimId: string }> }) {
  const { claimId } = await params;
  const { db, actor } = await pageContext(`/claims/${claimId}/preview`);
  const preview = await orNotFound(previewPublicEntry(db, actor, claimId), ["FORBIDDEN"]);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <p className="text-sm"><Link href={`/claims/${claimId}`}>← Back to the claim</Link></p>
      <div className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950" role="note" data-testid="preview-banner">
        <h1 className="text-xl text-amber-950">Preview: not public yet</h1>
        <p className="mt-1 text-sm">
          This is exactly what {preview.entry.version === 1 ? "publishing" : `a correction (version ${preview.entry.version})`} would make public now, field by field.
          Everything else stays in the workspace.
        </p>
      </div>
      <NamedPreview named={preview.named} privatePersons={preview.withheld.privatePersons} claimId={claimId} />
      {preview.entry.version > 1 ? (
        <section aria-labelledby="preview-changes" className="space-y-2">
          <h2 id="preview-changes">What the correction changes for the public</h2>
          {preview.entry.changeNote ? <p className="text-sm" dir="auto"><span className="font-medium">Correction note (public): </span>{preview.entry.changeNote}</p> : null}
          <VersionChanges changes={preview.changes} testId="preview-changes" />
        </section>
      ) : null}
      <SnapshotFields entry={preview.entry} withheld={preview.withheld} />
      <div className="rounded-lg border-2 border-dashed border-stone-300 p-6">
        <p className="mb-4 text-xs font-medium uppercase tracking-wide text-stone-600">As readers will see it at {preview.entry.url}</p>
        <EntryView entry={preview.entry} preview />
      </div>
    </div>
  );
}
