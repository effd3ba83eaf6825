import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Bidi } from "@/components/ui/bidi";
import { getSpeech } from "@/components/ui/speech-server";
import { buildCustodyReport } from "@/lib/evidence/custody-report";
import { displayFilename } from "@/lib/evidence/filename";
import { PRODUCT_NAME } from "@/lib/i18n/locales";
import { orNotFound, pageContext } from "@/lib/server/doors";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("custody");
  return { title: t("title") };
}

/**
 * A printable chain-of-custody report: the same content as the JSON report. Its headings and
 * labels are in the reader's language; what identifies the evidence (ids, hashes, file names,
 * addresses, event types and their times) is written as the JSON report writes it, left to right.
 */
export default async function CustodyReportPage({ params }: { params: Promise<{ evidenceId: string }> }) {
  const { evidenceId } = await params;
  const { db, actor } = await pageContext(`/evidence/${evidenceId}/custody`);
  const report = await orNotFound(buildCustodyReport(db, actor, evidenceId));
  const [t, format, { formats }] = await Promise.all([getTranslations("custody"), getFormatter(), getSpeech()]);
  const e = report.evidence;
  const count = (n: number) => format.number(n, { useGrouping: false });
  const derivation = (data: unknown) => (data as { derivation?: string }).derivation;
  return (
    <article className="mx-auto max-w-3xl space-y-6 bg-white p-8 text-sm print:p-0">
      <header>
        <h1>{t("heading")}</h1>
        <p className="text-stone-600">{t("generated", { date: formats.dateTime(report.generatedAt), product: PRODUCT_NAME })}</p>
      </header>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="text-stone-500">{t("evidenceId")}</dt><dd className="font-mono"><Bidi>{e.id}</Bidi></dd>
        <dt className="text-stone-500">{t("sha256")}</dt><dd className="break-all font-mono" data-testid="custody-sha256">{e.sha256 ? <Bidi>{e.sha256}</Bidi> : "—"}</dd>
        <dt className="text-stone-500">{t("size")}</dt><dd>{t("bytes", { size: e.size !== null ? count(e.size) : "—" })}</dd>
        <dt className="text-stone-500">{t("mediaType")}</dt><dd>{e.mediaType ? <Bidi>{e.mediaType}</Bidi> : "—"}</dd>
        <dt className="text-stone-500">{t("intake")}</dt><dd>{t("intakeValue", { intake: e.intake })}</dd>
        <dt className="text-stone-500">{t("originalFilename")}</dt><dd className="break-all">{e.originalFilename ? <Bidi>{displayFilename(e.originalFilename)}</Bidi> : "—"}</dd>
        {e.sourceUrl ? (<><dt className="text-stone-500">{t("sourceUrl")}</dt><dd className="break-all"><Bidi>{e.sourceUrl}</Bidi></dd></>) : null}
        <dt className="text-stone-500">{t("added")}</dt><dd>{t.rich("addedValue", { name: () => <bdi>{e.addedBy}</bdi>, date: formats.dateTime(e.addedAt) })}</dd>
        {e.captureError ? (<><dt className="text-stone-500">{t("captureFailed")}</dt><dd dir="auto">{e.captureError}</dd></>) : null}
        {e.withdrawal ? (
          <>
            <dt className="text-stone-500">{t("withdrawn")}</dt>
            <dd dir="auto">{t.rich("withdrawnValue", { name: () => <bdi>{e.withdrawal!.by}</bdi>, date: formats.dateTime(e.withdrawal.at), reason: () => <bdi>{e.withdrawal!.reason}</bdi> })}</dd>
          </>
        ) : null}
      </dl>
      {e.derivatives.length > 0 ? (
        <section>
          <h2 className="mb-2">{t("workingCopies")}</h2>
          <ul className="space-y-1">
            {e.derivatives.map((d) => (
              <li key={`${d.kind}-${d.position}`} className="font-mono text-xs">
                {t.rich(d.atMs !== null ? "workingCopyAt" : "workingCopy", {
                  kind: t.has(`derivative.${d.kind}` as never) ? t(`derivative.${d.kind}` as never) : d.kind,
                  position: count(d.position),
                  ms: count(d.atMs ?? 0),
                  hash: () => <Bidi>{d.sha256}</Bidi>,
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section>
        <h2 className="mb-2">{t("events")}</h2>
        <table className="w-full border-collapse text-start text-xs" data-testid="custody-events">
          <thead>
            <tr className="border-b border-stone-300">
              <th className="py-1 pe-2">#</th>
              <th className="py-1 pe-2">{t("when")}</th>
              <th className="py-1 pe-2">{t("who")}</th>
              <th className="py-1 pe-2">{t("what")}</th>
              <th className="py-1">{t("eventHash")}</th>
            </tr>
          </thead>
          <tbody>
            {report.custody.map((c) => (
              <tr key={c.seq} className="border-b border-stone-100 align-top">
                <td className="py-1 pe-2">{count(c.seq)}</td>
                <td className="py-1 pe-2 whitespace-nowrap"><Bidi>{c.at.replace("T", " ").slice(0, 19)}</Bidi></td>
                <td className="py-1 pe-2"><bdi>{c.actor}</bdi></td>
                <td className="py-1 pe-2"><Bidi>{c.type}{derivation(c.data) ? ` (${derivation(c.data)})` : ""}</Bidi></td>
                <td className="py-1 break-all font-mono"><Bidi>{c.hash}</Bidi></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </article>
  );
}
