import type { Metadata } from "next";
import { formatDateTime } from "@/components/ui/format";
import { buildCustodyReport } from "@/lib/evidence/custody-report";
import { displayFilename } from "@/lib/evidence/filename";
import { orNotFound, pageContext } from "@/lib/server/doors";

export const metadata: Metadata = { title: "Custody report" };

/** A printable chain-of-custody report: the same content as the JSON report. */
export default async function CustodyReportPage({ params }: { params: Promise<{ evidenceId: string }> }) {
  const { evidenceId } = await params;
  const { db, actor } = await pageContext(`/evidence/${evidenceId}/custody`);
  const report = await orNotFound(buildCustodyReport(db, actor, evidenceId));
  const e = report.evidence;
  return (
    <article className="mx-auto max-w-3xl space-y-6 bg-white p-8 text-sm print:p-0">
      <header>
        <h1>Chain of custody</h1>
        <p className="text-stone-600">Generated {formatDateTime(report.generatedAt)} by Corroborate.</p>
      </header>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="text-stone-500">Evidence id</dt><dd className="font-mono">{e.id}</dd>
        <dt className="text-stone-500">SHA-256</dt><dd className="break-all font-mono" data-testid="custody-sha256">{e.sha256 ?? "—"}</dd>
        <dt className="text-stone-500">Size</dt><dd>{e.size ?? "—"} bytes</dd>
        <dt className="text-stone-500">Media type</dt><dd>{e.mediaType ?? "—"}</dd>
        <dt className="text-stone-500">Intake</dt><dd>{e.intake}</dd>
        <dt className="text-stone-500">Original filename</dt><dd className="break-all">{e.originalFilename ? displayFilename(e.originalFilename) : "—"}</dd>
        {e.sourceUrl ? (<><dt className="text-stone-500">Source URL</dt><dd className="break-all">{e.sourceUrl}</dd></>) : null}
        <dt className="text-stone-500">Added</dt><dd>{e.addedBy}, {formatDateTime(e.addedAt)}</dd>
        {e.captureError ? (<><dt className="text-stone-500">Capture failed</dt><dd>{e.captureError}</dd></>) : null}
        {e.withdrawal ? (<><dt className="text-stone-500">Withdrawn</dt><dd dir="auto">{e.withdrawal.by}, {formatDateTime(e.withdrawal.at)}: {e.withdrawal.reason}</dd></>) : null}
      </dl>
      {e.derivatives.length > 0 ? (
        <section>
          <h2 className="mb-2">Working copies</h2>
          <ul className="space-y-1">
            {e.derivatives.map((d) => (
              <li key={`${d.kind}-${d.position}`} className="font-mono text-xs">{d.kind} {d.position}{d.atMs !== null ? ` @ ${d.atMs} ms` : ""}: {d.sha256}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section>
        <h2 className="mb-2">Events</h2>
        <table className="w-full border-collapse text-left text-xs" data-testid="custody-events">
          <thead><tr className="border-b border-stone-300"><th className="py-1 pr-2">#</th><th className="py-1 pr-2">When (UTC)</th><th className="py-1 pr-2">Who</th><th className="py-1 pr-2">What</th><th className="py-1">Event hash</th></tr></thead>
          <tbody>
            {report.custody.map((c) => (
              <tr key={c.seq} className="border-b border-stone-100 align-top">
                <td className="py-1 pr-2">{c.seq}</td>
                <td className="py-1 pr-2 whitespace-nowrap">{c.at.replace("T", " ").slice(0, 19)}</td>
                <td className="py-1 pr-2">{c.actor}</td>
                <td className="py-1 pr-2">{c.type}{(c.data as { derivation?: string }).derivation ? ` (${(c.data as { derivation?: string }).derivation})` : ""}</td>
                <td className="py-1 break-all font-mono">{c.hash}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </article>
  );
}
