import { assessAction } from "@/app/(workspace)/claims/[claimId]/corroboration-actions";
import { setProvenanceAction } from "@/app/(workspace)/evidence/[evidenceId]/provenance-actions";
import { markSensitivityAction, retryCaptureAction, withdrawEvidenceAction } from "@/app/(workspace)/evidence/[evidenceId]/actions";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Fragment, type ReactNode } from "react";
import { Bidi } from "@/components/ui/bidi";
import { EmptyState } from "@/components/ui/empty-state";
import { useFormats } from "@/components/ui/speech";
import type { ClaimEvidenceItem } from "@/lib/evidence/list-claim-evidence";
import { displayFilename } from "@/lib/evidence/filename";
import { AssessForm } from "@/components/origins/assess-form";
import { ProvenanceForm } from "@/components/origins/provenance-form";
import { ProcessingBadges, withoutCaptureStep } from "./processing-badges";
import { SensitiveImage } from "./sensitive-media";
import { SensitivityForm } from "./sensitivity-form";
import { EvidenceStatusNote } from "./evidence-status";
import { RetryCaptureForm, WithdrawEvidenceForm } from "./evidence-lifecycle-forms";
import { useByteSize } from "./byte-size";
import { InlinePlayer } from "./inline-player";
import { playableMedium } from "@/lib/evidence/playable";

/** A short word for an item without a thumbnail (a key of `evidence.list.kind`, or the media type's first part). */
function kindOf(intake: string, mediaType: string | null): string {
  if (intake === "capture") return "page";
  if (!mediaType) return "file";
  if (mediaType === "text/plain") return "text";
  if (mediaType === "text/html") return "html";
  if (mediaType === "application/pdf") return "pdf";
  if (mediaType.startsWith("application/warc") || mediaType === "application/wacz") return "archive";
  if (mediaType.startsWith("audio/")) return "audio";
  return mediaType.split("/")[0];
}

/** Facts about an item in a row: "image/jpeg · 3.4 MB · added by …". */
function joined(parts: ReactNode[], separator: string): ReactNode {
  return parts.map((part, i) => (
    <Fragment key={i}>
      {i > 0 ? separator : null}
      {part}
    </Fragment>
  ));
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
  lowBandwidth = false,
  canReadContent = false,
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
  /** The person's "low bandwidth" setting: an inline player starts with the small copy, loading nothing before play. */
  lowBandwidth?: boolean;
  /** Whether the inline player offers the original's download (`evidence.read_content`). */
  canReadContent?: boolean;
}) {
  const t = useTranslations("evidence.list");
  const stances = useTranslations("origins.stance");
  const formats = useFormats();
  const byteSize = useByteSize();
  const kindLabel = (intake: string, mediaType: string | null) => {
    const kind = kindOf(intake, mediaType);
    return t.has(`kind.${kind}` as never) ? t(`kind.${kind}` as never) : kind;
  };
  const stanceLabel = (stance: string) => (stances.has(stance as never) ? stances(stance as never) : stance);
  const sourceName = (id: string) => {
    const name = sourceNames.get(id);
    return name ? <bdi>{name}</bdi> : t("aSource");
  };
  if (items.length === 0) return <EmptyState title={t("emptyTitle")}>{t("emptyBody")}</EmptyState>;
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
              <SensitiveImage src={item.thumbnailUrl} alt="" isGraphic={item.isGraphic} revealByDefault={revealGraphic} className="h-16 w-24" width={96} height={64} />
            ) : (
              <div className="flex h-16 w-24 items-center justify-center rounded-md bg-stone-100 text-[11px] uppercase text-stone-600">
                {kindLabel(item.intake, item.mediaType)}
              </div>
            )}
          </div>
          <div className="min-w-0 flex-1 space-y-1 text-sm">
            <Link href={`/evidence/${item.id}`} className="block truncate font-medium text-stone-900" dir="auto">
              {item.intake === "capture" ? item.sourceUrl : item.originalFilename ? displayFilename(item.originalFilename) : t("unnamedFile")}
            </Link>
            <p className="text-xs text-stone-600">
              {joined(
                [
                  item.mediaType ? <Bidi>{item.mediaType}</Bidi> : null,
                  item.size ? byteSize(item.size) : null,
                  t.rich("addedBy", { name: () => <bdi>{item.addedByName}</bdi>, date: formats.dateTime(item.addedAt) }),
                  item.isGraphic ? t("graphic") : null,
                  item.hasPersonalData ? t("personalData") : null,
                ].filter((part) => part !== null),
                " · ",
              )}
            </p>
            {item.sha256 ? (
              <p className="truncate font-mono text-[11px] text-stone-500" title={item.sha256}>
                {t.rich("sha256", { hash: () => <Bidi>{item.sha256}</Bidi> })}
              </p>
            ) : null}
            <EvidenceStatusNote status={item.status} captureError={item.captureError} withdrawalReason={item.withdrawalReason} />
            {/* The status line says how the capture stands; the badges then show the other steps only. */}
            <ProcessingBadges processing={item.status === "held" ? item.processing : withoutCaptureStep(item.processing)} />
            {item.status === "held" && item.sha256 && playableMedium(item.mediaType) ? (
              <InlinePlayer
                evidenceId={item.id}
                sha256={item.sha256}
                medium={playableMedium(item.mediaType)!}
                isGraphic={item.isGraphic}
                revealByDefault={revealGraphic}
                lowBandwidth={lowBandwidth}
                canDownload={canReadContent}
              />
            ) : null}
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
                {joined(
                  [
                    item.publishedBySourceId ? t.rich("publishedBy", { source: () => sourceName(item.publishedBySourceId!) }) : null,
                    item.obtainedViaSourceId ? t.rich("via", { source: () => sourceName(item.obtainedViaSourceId!) }) : null,
                    item.isFirstHand ? t("firstHand") : null,
                  ].filter((part) => part !== null),
                  " · ",
                )}
              </p>
            ) : null}
            {assessments.filter((a) => a.evidenceId === item.id).length ? (
              <p className="text-xs text-stone-600">
                {t("assessed", {
                  list: assessments
                    .filter((a) => a.evidenceId === item.id)
                    .map((a) => t("assessment", { stance: stanceLabel(a.stance), credibility: a.credibility }))
                    .join(t("separator")),
                })}
              </p>
            ) : null}
            {!item.sensitivityReviewedAt && item.status === "held" && claimId ? (
              <div className="rounded-md border border-amber-200 bg-amber-50 p-2 text-amber-950" data-testid="sensitivity-pending">
                <p className="text-xs font-medium">{t("sensitivityPending")}</p>
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
                <summary className="cursor-pointer text-teal-800">{t("whereFrom")}</summary>
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
