import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { FingerprintPreview } from "@/components/evidence/fingerprint-preview";
import { NamedPreview } from "@/components/persons/named-preview";
import { SnapshotFields } from "@/components/public/snapshot-fields";
import { Bidi } from "@/components/ui/bidi";
import { languageOf } from "@/lib/i18n/locales";
import { renderPreviewDocument } from "@/lib/public-pages/preview-document";
import { previewPublicEntry } from "@/lib/publishing/preview-entry";
import { orNotFound, pageContext } from "@/lib/server/doors";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("claims.preview");
  return { title: t("title") };
}

/**
 * What publishing would make public, for the editor who decides: who would be named, the public
 * fields one by one, and the page itself — the document the publication would seal, rendered by
 * the same code, shown in a sandboxed frame (no script, no access to this page; its one stylesheet
 * is admitted by the page's policy through its hash).
 */
export default async function PreviewPage({ params }: { params: Promise<{ claimId: string }> }) {
  const { claimId } = await params;
  const { db, actor } = await pageContext(`/claims/${claimId}/preview`);
  const preview = await orNotFound(previewPublicEntry(db, actor, claimId), ["FORBIDDEN"]);
  const [t, locale] = await Promise.all([getTranslations("claims.preview"), getLocale()]);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <p className="text-sm"><Link href={`/claims/${claimId}`}>{t("back")}</Link></p>
      <div className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950" role="note" data-testid="preview-banner">
        <h1 className="text-xl text-amber-950">{t("heading")}</h1>
        <p className="mt-1 text-sm">{t("banner", { version: preview.entry.version })}</p>
      </div>
      <NamedPreview named={preview.named} privatePersons={preview.withheld.privatePersons} claimId={claimId} />
      <FingerprintPreview items={preview.fingerprints} />
      <SnapshotFields entry={preview.entry} withheld={preview.withheld} />
      <section aria-labelledby="preview-page" className="space-y-2">
        <h2 id="preview-page" className="text-sm font-medium text-stone-700">
          {t.rich("asReadersSee", { url: preview.entry.url, address: (chunks) => <Bidi>{chunks}</Bidi> })}
        </h2>
        <p className="text-xs text-stone-600">{t("unsealed")}</p>
        <iframe
          srcDoc={renderPreviewDocument(preview.entry, languageOf(locale))}
          sandbox=""
          title={t("frameTitle")}
          className="h-[80vh] w-full rounded-lg border-2 border-dashed border-stone-300 bg-white"
          data-testid="preview-document"
        />
      </section>
    </div>
  );
}
