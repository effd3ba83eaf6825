import { markSensitivityAction, retryCaptureAction, withdrawEvidenceAction } from "./actions";
import { setProvenanceAction } from "./provenance-actions";
import type { Metadata } from "next";
import Link from "next/link";
import { AuditTimeline } from "@/components/audit/timeline";
import { RetryCaptureForm, WithdrawEvidenceForm } from "@/components/evidence/evidence-lifecycle-forms";
import { EvidenceStatusNote } from "@/components/evidence/evidence-status";
import { isProcessing, ProcessingBadges, withoutCaptureStep } from "@/components/evidence/processing-badges";
import { RefreshWhilePending } from "@/components/evidence/refresh-while-pending";
import { SensitiveImage } from "@/components/evidence/sensitive-media";
import { SensitivityForm } from "@/components/evidence/sensitivity-form";
import { ProvenanceForm } from "@/components/origins/provenance-form";
import { orNotFound, pageContext } from "@/lib/server/doors";
import { listSourceOptions } from "@/lib/sources/list-sources";
import { FormMessage } from "@/components/ui/form";
import { formatDateTime } from "@/components/ui/format";
import { listAuditEvents } from "@/lib/audit/list-events";
import { can } from "@/lib/auth/permissions";
import { displayFilename } from "@/lib/evidence/filename";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { mayWithdrawEvidence } from "@/lib/evidence/withdraw-evidence";
import { isClaimOpen } from "@/lib/workflow/open-states";
import { formatBytes } from "@/lib/evidence/receive-format";
import { getPreferences } from "@/lib/users/preferences";

export const metadata: Metadata = { title: "Evidence" };

const SAVED: Record<string, string> = {
  sensitivity: "Sensitivity review saved.",
  provenance: "Where it came from: saved.",
  retried: "Capture queued again.",
  withdrawn: "Item withdrawn: it no longer counts towards the claim.",
};

function MetadataTable({ metadata }: { metadata: Record<string, unknown> }) {
  const entries = Object.entries(metadata).filter(([k, v]) => v !== null && v !== "" && k !== "text");
  if (entries.length === 0) return <p className="text-sm text-stone-600">None extracted.</p>;
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="text-stone-500">{key}</dt>
          <dd className="break-words" dir="auto">{typeof value === "object" ? JSON.stringify(value) : String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function EvidencePage({ params, searchParams }: {
  params: Promise<{ evidenceId: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const { evidenceId } = await params;
  const { db, actor } = await pageContext(`/evidence/${evidenceId}`);
  const { saved } = await searchParams;
  const item = await orNotFound(getEvidence(db, actor, evidenceId));
  const [custody, preferences, sourceOptions] = await Promise.all([
    listAuditEvents(db, actor, { entity: `evidence:${item.id}`, limit: 100 }),
    getPreferences(db, actor),
    listSourceOptions(db, actor),
  ]);
  const mayWithdraw = item.status !== "withdrawn" && mayWithdrawEvidence(actor, { addedById: item.addedBy.id }, item.claimState);
  const mayRetry = item.status === "failed" && can(actor, "evidence.add") && isClaimOpen(item.claimState);
  const thumbnail = item.derivatives.find((d) => d.kind === "thumbnail");
  const keyframes = item.derivatives.filter((d) => d.kind === "keyframe");
  const title = item.intake === "capture" ? (item.sourceUrl ?? "Page capture") : item.originalFilename ? displayFilename(item.originalFilename) : "Unnamed file";

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <div className="min-w-0 space-y-6">
        {/* Own keys only: ?saved=__proto__ must not reach the message as an object. */}
        {typeof saved === "string" && Object.hasOwn(SAVED, saved) ? <FormMessage tone="success" message={SAVED[saved]} /> : null}
        <div className="space-y-1">
          <p className="text-sm"><Link href={`/claims/${item.claimId}`}>← {item.claimTitle}</Link></p>
          <h1 className="break-words" dir="auto" data-testid="evidence-title">{title}</h1>
          <EvidenceStatusNote status={item.status} captureError={item.captureError} withdrawalReason={item.withdrawal?.reason ?? null} />
          {item.withdrawal ? (
            <p className="text-xs text-stone-600" data-testid="withdrawn-by">Withdrawn by {item.withdrawal.by}, {formatDateTime(item.withdrawal.at)}.</p>
          ) : null}
          <ProcessingBadges processing={item.status === "held" ? item.processing : withoutCaptureStep(item.processing)} />
          <RefreshWhilePending pending={isProcessing(item.processing)} />
          {mayRetry || mayWithdraw ? (
            <div className="flex flex-wrap items-start gap-3 pt-1">
              {mayRetry ? (
                <RetryCaptureForm submit={retryCaptureAction.bind(null, item.id)} version={item.version} />
              ) : null}
              {mayWithdraw ? <WithdrawEvidenceForm submit={withdrawEvidenceAction.bind(null, item.id)} version={item.version} idPrefix="withdraw-" /> : null}
            </div>
          ) : null}
        </div>

        {item.duplicateOf.length > 0 ? (
          <div className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950" data-testid="exact-duplicates">
            {item.duplicateOf.map((d) => (
              <p key={d.evidenceId}>
                The same file is already held since {formatDateTime(d.addedAt)} in claim{" "}
                <Link href={`/claims/${d.claimId}`} dir="auto">{d.claimTitle}</Link> (<Link href={`/evidence/${d.evidenceId}`}>item</Link>).
              </p>
            ))}
          </div>
        ) : null}
        {item.similar.length > 0 ? (
          <div className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950" data-testid="near-duplicates">
            {item.similar.map((s) => (
              <p key={s.evidenceId}>
                Looks like <Link href={`/evidence/${s.evidenceId}`}>evidence in another item</Link> of{" "}
                <Link href={`/claims/${s.claimId}`}>this claim</Link> (perceptual distance {s.distance} of 64).
              </p>
            ))}
          </div>
        ) : null}

        {thumbnail ? (
          <SensitiveImage src={thumbnail.url} alt="Thumbnail" isGraphic={item.isGraphic} revealByDefault={preferences.revealGraphicMedia} className="h-56 w-80" />
        ) : null}

        <section className="rounded-lg border border-stone-200 bg-white p-5">
          <h2 className="mb-3">Integrity</h2>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            <div className="sm:col-span-2"><dt className="text-stone-500">SHA-256</dt><dd className="break-all font-mono" data-testid="evidence-sha256">{item.sha256 ?? (item.status === "capturing" ? "not yet captured" : "none: no bytes were preserved")}</dd></div>
            <div><dt className="text-stone-500">Media type (from the bytes)</dt><dd>{item.mediaType ?? "—"}</dd></div>
            <div><dt className="text-stone-500">Size</dt><dd>{item.size !== null ? `${formatBytes(item.size)} (${item.size} bytes)` : "—"}</dd></div>
            <div><dt className="text-stone-500">Added</dt><dd>{item.addedBy.name}, {formatDateTime(item.addedAt)}, by {item.intake === "resumable" ? "resumable upload" : item.intake}</dd></div>
            <div><dt className="text-stone-500">Original filename</dt><dd className="break-all" dir="ltr">{item.originalFilename ? displayFilename(item.originalFilename) : "—"}</dd></div>
            {item.sourceUrl ? <div className="sm:col-span-2"><dt className="text-stone-500">Captured from</dt><dd className="break-all">{item.sourceUrl}{item.capturedAt ? `, ${formatDateTime(item.capturedAt)}` : ""}</dd></div> : null}
          </dl>
          {item.sha256 && can(actor, "evidence.read_content") ? (
            <p className="mt-4 text-sm">
              <a href={`/api/v1/evidence/${item.id}/content`} data-testid="download-original">Download the preserved original</a>
              <span className="text-stone-500"> (every download is recorded in the custody trail)</span>
            </p>
          ) : null}
        </section>

        <section className="rounded-lg border border-stone-200 bg-white p-5">
          <h2 className="mb-3">Metadata</h2>
          {item.metadataNote ? <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="metadata-note">{item.metadataNote}</p> : null}
          <MetadataTable metadata={item.metadata} />
          {typeof item.metadata.text === "string" && item.metadata.text ? (
            <details className="mt-3 text-sm">
              <summary className="cursor-pointer">Text of the captured page</summary>
              <p className="mt-2 whitespace-pre-line text-stone-700" dir="auto">{item.metadata.text}</p>
            </details>
          ) : null}
        </section>

        {keyframes.length > 0 ? (
          <section className="space-y-3">
            <h2>Keyframes</h2>
            <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="keyframes">
              {keyframes.map((k) => (
                <li key={k.id} className="space-y-1">
                  <SensitiveImage src={k.url} alt={`Keyframe at ${((k.atMs ?? 0) / 1000).toFixed(1)} s`} isGraphic={item.isGraphic} revealByDefault={preferences.revealGraphicMedia} className="aspect-video" />
                  <p className="text-xs text-stone-500">{((k.atMs ?? 0) / 1000).toFixed(1)} s</p>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section className="space-y-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2>Chain of custody</h2>
            <p className="text-sm">
              <Link href={`/evidence/${item.id}/custody`}>Printable report</Link> ·{" "}
              <a href={`/api/v1/evidence/${item.id}/custody`}>JSON</a>
            </p>
          </div>
          <AuditTimeline events={custody.items} />
        </section>
      </div>

      <aside className="space-y-4">
        <section className="rounded-lg border border-stone-200 bg-white p-4">
          <h2 className="mb-2 text-base">Where it came from</h2>
          {can(actor, "evidence.set_sources") ? (
            <ProvenanceForm
              submit={setProvenanceAction.bind(null, item.id)}
              evidenceId={item.id}
              version={item.version}
              options={sourceOptions}
              publishedBySourceId={item.publishedBySourceId}
              obtainedViaSourceId={item.obtainedViaSourceId}
              isFirstHand={item.isFirstHand}
            />
          ) : null}
        </section>
        <section className="rounded-lg border border-stone-200 bg-white p-4">
          <h2 className="mb-2 text-base">Sensitivity</h2>
          {item.sensitivityReviewed ? (
            <p className="mb-2 text-xs text-stone-600">Reviewed by {item.sensitivityReviewed.by}, {formatDateTime(item.sensitivityReviewed.at)}.</p>
          ) : item.status === "held" ? (
            <p className="mb-2 text-xs text-amber-800">Not reviewed yet: it must be before the claim is published.</p>
          ) : (
            <p className="mb-2 text-xs text-stone-600">Not needed while the item holds no bytes or is withdrawn: it does not count towards the claim.</p>
          )}
          {can(actor, "evidence.mark_sensitivity") ? (
            <SensitivityForm submit={markSensitivityAction.bind(null, item.id)} version={item.version} isGraphic={item.isGraphic} hasPersonalData={item.hasPersonalData} />
          ) : (
            <p className="text-sm">{item.isGraphic ? "Marked graphic. " : ""}{item.hasPersonalData ? "Shows personal data." : ""}</p>
          )}
        </section>
      </aside>
    </div>
  );
}
