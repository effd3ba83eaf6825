import { markSensitivityAction, retryCaptureAction, setDisclosureAction, withdrawEvidenceAction } from "./actions";
import { DisclosureForm, DisclosurePacketForm } from "@/components/evidence/fingerprint-forms";
import { grabFrameAction } from "./frame-actions";
import { addNoteAction, deleteNoteAction, editNoteAction } from "./note-actions";
import { setProvenanceAction } from "./provenance-actions";
import type { Metadata } from "next";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { getFormatter, getTranslations } from "next-intl/server";
import { AuditTimeline } from "@/components/audit/timeline";
import { CommentsPanel } from "@/components/comments/comments-panel";
import { listCommentsForPage } from "@/lib/comments/list-comments";
import { listMentionOptions } from "@/lib/comments/mentions";
import { byteSizeWith } from "@/components/evidence/byte-size";
import { RetryCaptureForm, WithdrawEvidenceForm } from "@/components/evidence/evidence-lifecycle-forms";
import { EvidenceReview } from "@/components/evidence/evidence-review";
import { EvidenceStatusNote } from "@/components/evidence/evidence-status";
import { isProcessing, ProcessingBadges, withoutCaptureStep } from "@/components/evidence/processing-badges";
import { RefreshWhilePending } from "@/components/evidence/refresh-while-pending";
import { SensitiveImage } from "@/components/evidence/sensitive-media";
import { SensitivityForm } from "@/components/evidence/sensitivity-form";
import { ProvenanceForm } from "@/components/origins/provenance-form";
import { orNotFound, pageContext } from "@/lib/server/doors";
import { listSourceOptions } from "@/lib/sources/list-sources";
import { Bidi } from "@/components/ui/bidi";
import { FormMessage } from "@/components/ui/form";
import { getSpeech } from "@/components/ui/speech-server";
import { listAuditEvents } from "@/lib/audit/list-events";
import { can } from "@/lib/auth/permissions";
import { displayFilename } from "@/lib/evidence/filename";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { playableMedium, workingCopyState } from "@/lib/evidence/playable";
import { listEvidenceNotes } from "@/lib/evidence/notes";
import { mayWithdrawEvidence } from "@/lib/evidence/withdraw-evidence";
import { isClaimOpen, takesMaterial } from "@/lib/workflow/open-states";
import { getPreferences } from "@/lib/users/preferences";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("evidence.page");
  return { title: t("title") };
}

/** The notes a page shows after a form sent the person back here (`?saved=…`). */
const SAVED = ["sensitivity", "provenance", "retried", "withdrawn", "disclosure"] as const;
const isSaved = (value: unknown): value is (typeof SAVED)[number] => typeof value === "string" && (SAVED as readonly string[]).includes(value);

function MetadataTable({ metadata }: { metadata: Record<string, unknown> }) {
  const t = useTranslations("evidence.page");
  const entries = Object.entries(metadata).filter(([k, v]) => v !== null && v !== "" && k !== "text");
  if (entries.length === 0) return <p className="text-sm text-stone-600">{t("noneExtracted")}</p>;
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          {/* A field the catalogue does not name (a new extractor's) is shown as its key. */}
          <dt className="text-stone-500">{t.has(`metadataKey.${key}` as never) ? t(`metadataKey.${key}` as never) : <Bidi>{key}</Bidi>}</dt>
          <dd className="break-words" dir="auto">{typeof value === "object" ? JSON.stringify(value) : String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function EvidencePage({ params, searchParams }: {
  params: Promise<{ evidenceId: string }>;
  searchParams: Promise<{ saved?: string; comments?: string }>;
}) {
  const { evidenceId } = await params;
  const { db, actor } = await pageContext(`/evidence/${evidenceId}`);
  const { saved, comments: commentsCursor } = await searchParams;
  const item = await orNotFound(getEvidence(db, actor, evidenceId));
  const [custody, preferences, sourceOptions, t, evidenceT, tf, format, { formats }, thread, mentionable] = await Promise.all([
    listAuditEvents(db, actor, { entity: `evidence:${item.id}`, limit: 100 }),
    getPreferences(db, actor),
    listSourceOptions(db, actor),
    getTranslations("evidence.page"),
    getTranslations("evidence"),
    getTranslations("evidence.fingerprint"),
    getFormatter(),
    getSpeech(),
    listCommentsForPage(db, actor, item.claimId, { evidenceId: item.id, cursor: commentsCursor, limit: 100 }),
    listMentionOptions(db, actor, item.claimId),
  ]);
  const medium = item.sha256 ? playableMedium(item.mediaType) : null;
  // Notes only for those who may read them; nothing is asked for otherwise.
  const notes = medium && can(actor, "evidence.notes.read") ? await listEvidenceNotes(db, actor, item.id) : null;
  // New notes and frames follow the rule for new material (lib/evidence/notes, frame-grab.ts): an item that counts, a claim that takes material.
  const takesNew = item.status === "held" && takesMaterial(item.claimState);
  const byteSize = byteSizeWith(evidenceT, format);
  const seconds = (ms: number | null) => format.number((ms ?? 0) / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });
  const mayWithdraw = item.status !== "withdrawn" && mayWithdrawEvidence(actor, { addedById: item.addedBy.id }, item.claimState);
  const mayRetry = item.status === "failed" && can(actor, "evidence.add") && isClaimOpen(item.claimState);
  const thumbnail = item.derivatives.find((d) => d.kind === "thumbnail");
  const keyframes = item.derivatives.filter((d) => d.kind === "keyframe");
  const title = item.intake === "capture" ? (item.sourceUrl ?? t("pageCapture")) : item.originalFilename ? displayFilename(item.originalFilename) : t("unnamedFile");

  return (
    <div className="space-y-6">
        {/* Own keys only: ?saved=__proto__ must not reach the message as an object. */}
        {isSaved(saved) ? <FormMessage tone="success" message={t(`saved.${saved}`)} /> : null}
        <div className="space-y-1">
          <p className="text-sm"><Link href={`/claims/${item.claimId}`}>{t.rich("back", { title: item.claimTitle, claim: (chunks) => <bdi dir="auto">{chunks}</bdi> })}</Link></p>
          <h1 className="break-words" dir="auto" data-testid="evidence-title">{title}</h1>
          <EvidenceStatusNote status={item.status} captureError={item.captureError} withdrawalReason={item.withdrawal?.reason ?? null} />
          {item.withdrawal ? (
            <p className="text-xs text-stone-600" data-testid="withdrawn-by">{t.rich("withdrawnBy", { name: () => <bdi>{item.withdrawal!.by}</bdi>, date: formats.dateTime(item.withdrawal.at) })}</p>
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

        {medium && item.sha256 ? (
          <section aria-label={t("review")} data-testid="review-section">
            <EvidenceReview
              player={{
                evidenceId: item.id,
                sha256: item.sha256,
                medium,
                copies: item.workingCopies,
                keyframes: keyframes.map((k) => ({ id: k.id, url: k.url, atMs: k.atMs })),
                posterUrl: thumbnail?.url ?? null,
                isGraphic: item.isGraphic,
                revealByDefault: preferences.revealGraphicMedia,
                lowBandwidth: preferences.lowBandwidth,
                copyState: workingCopyState(item.processing),
                downloadUrl: can(actor, "evidence.read_content") ? `/api/v1/evidence/${item.id}/content` : null,
              }}
              notes={
                notes?.map((note) => ({
                  ...note,
                  edit: note.mayEdit ? editNoteAction.bind(null, note.id) : null,
                  remove: note.mayDelete ? deleteNoteAction.bind(null, note.id) : null,
                })) ?? null
              }
              addNote={notes && can(actor, "evidence.notes.write") && takesNew ? addNoteAction.bind(null, item.id) : null}
              grabFrame={medium === "video" && can(actor, "evidence.grab_frame") && takesNew ? grabFrameAction.bind(null, item.id) : null}
            />
          </section>
        ) : null}

    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <div className="min-w-0 space-y-6">
        {item.duplicateOf.length > 0 ? (
          <div className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950" data-testid="exact-duplicates">
            {item.duplicateOf.map((d) => (
              <p key={d.evidenceId}>
                {t.rich("duplicate", {
                  date: formats.dateTime(d.addedAt),
                  claim: () => <Link href={`/claims/${d.claimId}`} dir="auto">{d.claimTitle}</Link>,
                  item: (chunks) => <Link href={`/evidence/${d.evidenceId}`}>{chunks}</Link>,
                })}
              </p>
            ))}
          </div>
        ) : null}
        {item.similar.length > 0 ? (
          <div className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950" data-testid="near-duplicates">
            {item.similar.map((s) => (
              <p key={s.evidenceId}>
                {t.rich("similar", {
                  distance: s.distance,
                  max: 64,
                  item: (chunks) => <Link href={`/evidence/${s.evidenceId}`}>{chunks}</Link>,
                  claim: (chunks) => <Link href={`/claims/${s.claimId}`}>{chunks}</Link>,
                })}
              </p>
            ))}
          </div>
        ) : null}

        {/* A video's or a sound's thumbnail is its player's poster. */}
        {thumbnail && !medium ? (
          <SensitiveImage src={thumbnail.url} alt={t("thumbnail")} isGraphic={item.isGraphic} revealByDefault={preferences.revealGraphicMedia} className="h-56 w-80" width={320} height={224} />
        ) : null}

        <section className="rounded-lg border border-stone-200 bg-white p-5">
          <h2 className="mb-3">{t("integrity")}</h2>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            <div className="sm:col-span-2">
              <dt className="text-stone-500">{t("sha256")}</dt>
              <dd className="break-all font-mono" data-testid="evidence-sha256">
                {item.sha256 ? <Bidi>{item.sha256}</Bidi> : item.status === "capturing" ? t("notYetCaptured") : t("noBytes")}
              </dd>
            </div>
            <div><dt className="text-stone-500">{t("mediaType")}</dt><dd>{item.mediaType ? <Bidi>{item.mediaType}</Bidi> : "—"}</dd></div>
            <div>
              <dt className="text-stone-500">{t("size")}</dt>
              <dd>{item.size !== null ? t("sizeValue", { size: byteSize(item.size), bytes: format.number(item.size, { useGrouping: false }) }) : "—"}</dd>
            </div>
            <div>
              <dt className="text-stone-500">{t("added")}</dt>
              <dd>{t.rich("addedValue", { name: () => <bdi>{item.addedBy.name}</bdi>, date: formats.dateTime(item.addedAt), intake: item.intake })}</dd>
            </div>
            <div>
              <dt className="text-stone-500">{t("originalFilename")}</dt>
              <dd className="break-all">{item.originalFilename ? <Bidi>{displayFilename(item.originalFilename)}</Bidi> : "—"}</dd>
            </div>
            {item.sourceUrl ? (
              <div className="sm:col-span-2">
                <dt className="text-stone-500">{t("capturedFrom")}</dt>
                <dd className="break-all">
                  {item.capturedAt
                    ? t.rich("capturedFromAt", { url: () => <Bidi>{item.sourceUrl}</Bidi>, date: formats.dateTime(item.capturedAt) })
                    : <Bidi>{item.sourceUrl}</Bidi>}
                </dd>
              </div>
            ) : null}
          </dl>
          {item.sha256 && can(actor, "evidence.read_content") ? (
            <p className="mt-4 text-sm">
              <a href={`/api/v1/evidence/${item.id}/content`} data-testid="download-original">{t("download")}</a>
              <span className="text-stone-500"> {t("downloadNote")}</span>
            </p>
          ) : null}
        </section>

        <section className="rounded-lg border border-stone-200 bg-white p-5">
          <h2 className="mb-3">{t("metadata")}</h2>
          {item.metadataNote ? <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="metadata-note">{item.metadataNote}</p> : null}
          <MetadataTable metadata={item.metadata} />
          {typeof item.metadata.text === "string" && item.metadata.text ? (
            <details className="mt-3 text-sm">
              <summary className="cursor-pointer">{t("pageText")}</summary>
              <p className="mt-2 whitespace-pre-line text-stone-700" dir="auto">{item.metadata.text}</p>
            </details>
          ) : null}
        </section>

        {/* With a copy to play, the keyframes are the player's timeline; without one, they are shown here. */}
        {keyframes.length > 0 && item.workingCopies.length === 0 ? (
          <section className="space-y-3">
            <h2>{t("keyframes")}</h2>
            <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="keyframes">
              {keyframes.map((k) => (
                <li key={k.id} className="space-y-1">
                  <SensitiveImage src={k.url} alt={t("keyframeAlt", { seconds: seconds(k.atMs) })} isGraphic={item.isGraphic} revealByDefault={preferences.revealGraphicMedia} className="aspect-video" width={160} height={90} />
                  <p className="text-xs text-stone-500">{t("keyframeAt", { seconds: seconds(k.atMs) })}</p>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <CommentsPanel
          claimId={item.claimId}
          evidenceId={item.id}
          thread={thread}
          people={mentionable}
          actorId={actor.id}
          canWrite={can(actor, "comments.write")}
          canModerate={can(actor, "comments.moderate")}
          laterHref={thread.nextCursor ? `/evidence/${item.id}?${new URLSearchParams({ comments: thread.nextCursor })}#discussion` : null}
          firstHref={commentsCursor ? `/evidence/${item.id}#discussion` : null}
        />

        <section className="space-y-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2>{t("custody")}</h2>
            <p className="text-sm">
              <Link href={`/evidence/${item.id}/custody`}>{t("printable")}</Link> ·{" "}
              <a href={`/api/v1/evidence/${item.id}/custody`}>{t("json")}</a>
            </p>
          </div>
          <AuditTimeline events={custody.items} />
        </section>
      </div>

      <aside className="space-y-4">
        <section className="rounded-lg border border-stone-200 bg-white p-4">
          <h2 className="mb-2 text-base">{t("whereFrom")}</h2>
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
          <h2 className="mb-2 text-base">{t("sensitivity")}</h2>
          {item.sensitivityReviewed ? (
            <p className="mb-2 text-xs text-stone-600">
              {t.rich("reviewedBy", { name: () => <bdi>{item.sensitivityReviewed!.by}</bdi>, date: formats.dateTime(item.sensitivityReviewed.at) })}
            </p>
          ) : item.status === "held" ? (
            <p className="mb-2 text-xs text-amber-800">{t("notReviewed")}</p>
          ) : (
            <p className="mb-2 text-xs text-stone-600">{t("notNeeded")}</p>
          )}
          {can(actor, "evidence.mark_sensitivity") ? (
            <SensitivityForm submit={markSensitivityAction.bind(null, item.id)} version={item.version} isGraphic={item.isGraphic} hasPersonalData={item.hasPersonalData} />
          ) : (
            <p className="text-sm">{[item.isGraphic ? t("markedGraphic") : null, item.hasPersonalData ? t("showsPersonalData") : null].filter(Boolean).join(" ")}</p>
          )}
        </section>
        {item.sha256 ? (
          <section className="space-y-2 rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="fingerprint-heading" data-testid="public-fingerprint">
            <h2 id="fingerprint-heading" className="text-base">{tf("heading")}</h2>
            <p className="text-sm" data-testid="public-fingerprint-as" data-disclosure={item.publicFingerprint.disclosure}>
              <span className="font-medium">{tf(`as.${item.publicFingerprint.disclosure}`)}</span>{" "}
              {item.publicFingerprint.basis === "chosen" ? (
                <span className="text-stone-700">{tf.rich("chosenBecause", { reason: () => <bdi>{item.publicFingerprint.chosen?.reason}</bdi> })}</span>
              ) : (
                <span className="text-stone-700">{tf(`basis.${item.publicFingerprint.basis}`)}</span>
              )}
            </p>
            {item.publicFingerprint.commitment ? (
              <p className="break-all text-xs">
                <span className="text-stone-500">{tf("commitment")} </span>
                <span className="font-mono" data-testid="evidence-commitment"><Bidi>{item.publicFingerprint.commitment}</Bidi></span>
              </p>
            ) : null}
            {can(actor, "evidence.set_disclosure") ? <DisclosureForm submit={setDisclosureAction.bind(null, item.id)} version={item.version} chosen={item.publicFingerprint.chosen?.disclosure ?? null} /> : null}
            {can(actor, "evidence.disclose") && item.publicFingerprint.commitment ? <DisclosurePacketForm evidenceId={item.id} /> : null}
          </section>
        ) : null}
      </aside>
    </div>
    </div>
  );
}
