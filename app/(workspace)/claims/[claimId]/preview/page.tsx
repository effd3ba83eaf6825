import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NamedPreview } from "@/components/persons/named-preview";
import { EntryView } from "@/components/public/entry-view";
import { SnapshotFields } from "@/components/public/snapshot-fields";
import { VersionChanges } from "@/components/public/version-changes";
import { Bidi } from "@/components/ui/bidi";
import { previewPublicEntry } from "@/lib/publishing/preview-entry";
import { orNotFound, pageContext } from "@/lib/server/doors";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("claims.preview");
  return { title: t("title") };
}

export default async function PreviewPage({ params }: { params: Promise<{ claimId: string }> }) {
  const { claimId } = await params;
  const { db, actor } = await pageContext(`/claims/${claimId}/preview`);
  const preview = await orNotFound(previewPublicEntry(db, actor, claimId), ["FORBIDDEN"]);
  const t = await getTranslations("claims.preview");
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <p className="text-sm"><Link href={`/claims/${claimId}`}>{t("back")}</Link></p>
      <div className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950" role="note" data-testid="preview-banner">
        <h1 className="text-xl text-amber-950">{t("heading")}</h1>
        <p className="mt-1 text-sm">{t("banner", { version: preview.entry.version })}</p>
      </div>
      <NamedPreview named={preview.named} privatePersons={preview.withheld.privatePersons} claimId={claimId} />
      {preview.entry.version > 1 ? (
        <section aria-labelledby="preview-changes" className="space-y-2">
          <h2 id="preview-changes">{t("changes")}</h2>
          {preview.entry.changeNote ? <p className="text-sm" dir="auto"><span className="font-medium">{t("changeNote")} </span>{preview.entry.changeNote}</p> : null}
          <VersionChanges changes={preview.changes} testId="preview-changes" />
        </section>
      ) : null}
      <SnapshotFields entry={preview.entry} withheld={preview.withheld} />
      <div className="rounded-lg border-2 border-dashed border-stone-300 p-6">
        <p className="mb-4 text-xs font-medium uppercase tracking-wide text-stone-600">
          {t.rich("asReadersSee", { url: preview.entry.url, address: (chunks) => <Bidi>{chunks}</Bidi> })}
        </p>
        <EntryView entry={preview.entry} preview />
      </div>
    </div>
  );
}
