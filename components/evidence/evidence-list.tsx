import { assessAction } from "@/app/(workspace)/claims/[claimId]/corroboration-actions";
import { setProvenanceAction } from "@/app/(workspace)/evidence/[evidenceId]/provenance-actions";
import { markSensitivityAction, retryCaptureAction, withdrawEvidenceAction } from "@/app/(workspace)/evidence/[evidenceId]/actions";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import type { ClaimEvidenceItem } from "@/lib/evidence/list-claim-evidence";
import { displayFilename } from "@/lib/evidence/filename";
import { formatBytes } from "@/lib/evidence/receive-format";
import { AssessForm } from "@/components/origins/assess-form";
import { ProvenanceForm } from "@/components/origins/provenance-form";
import { ProcessingBadges, withoutCaptureStep } from "./processing-badges";
import { SensitiveImage } from "./sensitive-media";
import { SensitivityForm } from "./sensitivity-form";
import { EvidenceStatusNote } from "./evidence-status";
import { RetryCaptureForm, WithdrawEvidenceForm } from "./evidence-lifecycle-forms";

/** A short word for an item without a thumbnail. */
function kindLabel(intake: string, mediaType: string | null): string {
  if (intake === "capture") return "Page";
  if (!mediaType) return "File";
  if (mediaType === "text/plain") return "Text";
  if (mediaType === "text/html") return "HTML";
  if (mediaType === "application/pdf") return "PDF";
  if (mediaType.startsWith("application/warc") || mediaType === "application/wacz") return "Archive";
  if (mediaType.startsWith("audio/")) return "Audio";
  return mediaType.split("/")[0];
}

type Assessment = { stance: string; credibility: number; note: string | null; assessedById: string };

export function EvidenceList({
  items,
  revealGraphic,
  claimId,
  canAssess = false,
  canReviewSensitivity = false,
  actorId,
  assessments = [],
  sourceNames = new Map(),
  sourceOptions,
  canRetry = false,
  withdrawable = new Set(),
}: {
  items: ClaimEvidenceItem[];
  /** Offer "Retry capture" on failed captures (who may add evidence to the open claim). */
  canRetry?: boolean;
  /** The items the actor may withdraw (lib/evidence/withdraw-evidence.ts `mayWithdrawEvidence`). */
  withdrawable?: Set<string>;
  revealGraphic: boolean;
  claimId?: string;
  canAssess?: boolean;
  /** Offer the sensitivity review inline on items that await it (asked before review, not at publication). */
  canReviewSensitivity?: boolean;
  actorId?: string;
  assessments?: (Assessment & { evidenceId: string })[];
  sourceNames?: Map<string, string>;
  /** When given, each item offers "where it came from" inline, with find-or-create of sources. */
  sourceOptions?: { id: string; name: string; isProtected: boolean }[];
}) {
  if (items.length === 0) return <EmptyState title="No evidence yet.">Attach the material this claim rests on.</EmptyState>;
  return (
    <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white" data-testid="evidence-list">
      {items.map((item) => (
        <li
          key={item.id}
          className={`flex gap-4 p-4 ${item.status === "withdrawn" ? "bg-stone-50 opacity-70" : ""}`}
          data-testid="evidence-item"
          data-status={item.status}
        >
          <div className="h-16 w-24 shrink-0">
            {item.thumbnailUrl ? (
              <SensitiveImage src={item.thumbnailUrl} alt="" isGraphic={item.isGraphic} revealByDefault={revealGraphic} className="h-16 w-24" />
            ) : (
              <div className="flex h-16 w-24 items-center justify-center rounded-md bg-stone-100 text-[11px] uppercase text-stone-500">
                {kindLabel(item.intake, item.mediaType)}
              </div>
            )}
          </div>
          <div className="min-w-0 flex-1 space-y-1 text-sm">
            <Link href={`/evidence/${item.id}`} className="block truncate font-medium text-stone-900" dir="auto">
              {item.intake === "capture" ? item.sourceUrl : item.originalFilename ? displayFilename(item.originalFilename) : "Unnamed file"}
            </Link>
            <p className="text-xs text-stone-600">
              {item.mediaType ? `${item.mediaType} · ` : ""}
              {item.size ? `${formatBytes(item.size)} · ` : ""}added by {item.addedByName}, {formatDateTime(item.addedAt)}
              {item.isGraphic ? " · graphic" : ""}
              {item.hasPersonalData ? " · personal data" : ""}
            </p>
            {item.sha256 ? <p className="truncate font-mono text-[11px] text-stone-500" title={item.sha256}>sha256 {item.sha256}</p> : null}
            <EvidenceStatusNote status={item.status} captureError={item.captureError} withdrawalReason={item.withdrawalReason} />
            {/* The status line says how the capture stands; the badges then show the other steps only. */}
            <ProcessingBadges processing={item.status === "held" ? item.processing : withoutCaptureStep(item.processing)} />
            {claimId && ((item.status === "failed" && canRetry) || (item.status !== "withdrawn" && withdrawable.has(item.id))) ? (
              <div className="flex flex-wrap items-start gap-3">
                {item.status === "failed" && canRetry ? (
                  <RetryCaptureForm submit={retryCaptureAction.bind(null, item.id)} version={item.version} returnTo={`/claims/${claimId}`} />
                ) : null}
                {withdrawable.has(item.id) ? (
                  <WithdrawEvidenceForm submit={withdrawEvidenceAction.bind(null, item.id)} version={item.version} returnTo={`/claims/${claimId}`} idPrefix={`withdraw-${item.id}-`} />
                ) : null}
              </div>
            ) : null}
            {item.publishedBySourceId || item.obtainedViaSourceId || item.isFirstHand ? (
              <p className="text-xs text-stone-600" data-testid="evidence-provenance">
                {item.publishedBySourceId ? `Published by ${sourceNames.get(item.publishedBySourceId) ?? "a source"}` : ""}
                {item.obtainedViaSourceId ? ` · via ${sourceNames.get(item.obtainedViaSourceId) ?? "a source"}` : ""}
                {item.isFirstHand ? " · first-hand" : ""}
              </p>
            ) : null}
            {assessments.filter((a) => a.evidenceId === item.id).length ? (
              <p className="text-xs text-stone-600">
                Assessed: {assessments.filter((a) => a.evidenceId === item.id).map((a) => `${a.stance} (${a.credibility})`).join(", ")}
              </p>
            ) : null}
            {!item.sensitivityReviewedAt && item.status === "held" && claimId ? (
              <div className="rounded-md border border-amber-200 bg-amber-50 p-2 text-amber-950" data-testid="sensitivity-pending">
                <p className="text-xs font-medium">Not yet reviewed for sensitivity: needed before the claim goes to review.</p>
                {canReviewSensitivity ? (
                  <div className="mt-1.5">
                    <SensitivityForm
                      submit={markSensitivityAction.bind(null, item.id)}
                      version={item.version}
                      isGraphic={item.isGraphic}
                      hasPersonalData={item.hasPersonalData}
                      returnTo={`/claims/${claimId}`}
                      compact
                    />
                  </div>
                ) : null}
              </div>
            ) : null}
            {sourceOptions && claimId && item.status !== "withdrawn" ? (
              <details className="text-xs">
                <summary className="cursor-pointer text-teal-800">Where it came from</summary>
                <div className="mt-2 max-w-md">
                  <ProvenanceForm
                    submit={setProvenanceAction.bind(null, item.id)}
                    evidenceId={item.id}
                    version={item.version}
                    options={sourceOptions}
                    publishedBySourceId={item.publishedBySourceId}
                    obtainedViaSourceId={item.obtainedViaSourceId}
                    isFirstHand={item.isFirstHand}
                    returnTo={`/claims/${claimId}`}
                  />
                </div>
              </details>
            ) : null}
            {canAssess && claimId && item.status === "held" ? (
              <AssessForm
                submit={assessAction.bind(null, claimId)}
                evidenceId={item.id}
                current={assessments.find((a) => a.evidenceId === item.id && a.assessedById === actorId) ?? null}
              />
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
