import type { Metadata } from "next";
import Link from "next/link";
import { AuditTimeline } from "@/components/audit/timeline";
import { AssignForm } from "@/components/claims/assign-form";
import { CaptureForm } from "@/components/evidence/capture-form";
import { EvidenceList } from "@/components/evidence/evidence-list";
import { EvidenceUploader } from "@/components/evidence/evidence-uploader";
import { isProcessing } from "@/components/evidence/processing-badges";
import { RefreshWhilePending } from "@/components/evidence/refresh-while-pending";
import { OriginsPanel } from "@/components/origins/origins-panel";
import { ImportNoticeBanner } from "@/components/persons/import-notice";
import { PersonsPanel } from "@/components/persons/persons-panel";
import { FiguresPanel } from "@/components/figures/figures-panel";
import { GradeForm } from "@/components/claims/grade-form";
import { TransitionForm } from "@/components/claims/transition-form";
import { GRADE_MEANING, GradeBadge, KIND_LABEL, StateBadge } from "@/components/ui/badges";
import { FormMessage } from "@/components/ui/form";
import { formatDateTime, formatIncidentDate, languageName } from "@/components/ui/format";
import { listClaimTimeline } from "@/lib/audit/list-events";
import { can } from "@/lib/auth/permissions";
import { getClaimDetail } from "@/lib/claims/get-claim-detail";
import { displayFilename } from "@/lib/evidence/filename";
import { mayWithdrawEvidence } from "@/lib/evidence/withdraw-evidence";
import { overviewOfFigures } from "@/lib/figures/claim-figures-overview";
import { listFigureScopes } from "@/lib/figures/figure-series";
import { orNotFound, pageContext } from "@/lib/server/doors";
import { listSourceOptions } from "@/lib/sources/list-sources";
import { getPreferences } from "@/lib/users/preferences";
import { ClaimForm } from "@/components/claims/claim-form";
import { REQUIRED_CLAIM_FIELDS } from "@/lib/claims/schemas";
import { mayEditClaim } from "@/lib/claims/edit-claim";
import { assignAction, editClaimAction, gradeAction, transitionAction } from "./actions";
import { captureAction } from "./evidence-actions";
import { dismissImportNoticeAction } from "./person-actions";
import { getImportNotice } from "@/lib/persons/import/import-notice";
import { actionsFrom, TRANSITIONS, type TransitionAction } from "@/lib/workflow/machine";
import { isClaimOpen, takesMaterial } from "@/lib/workflow/open-states";
import { CorrectionDraft } from "@/components/claims/correction-draft";
import { CorrectionForm, type CorrectionValues } from "@/components/claims/correction-form";
import { previewPublicEntry } from "@/lib/publishing/preview-entry";

export const metadata: Metadata = { title: "Claim" };

const DESCRIPTION: Record<TransitionAction, string> = {
  accept: "Worth checking: move it into corroboration.",
  reject: "Out of scope or not checkable. The reason is kept in the audit log.",
  duplicate: "The same statement as another claim: merge it into that one.",
  send_to_review: "Grade it and send it to an editor for review.",
  send_back: "Needs more corroboration: return it to the reviewers.",
  publish: "Make it a public entry. Another editor than the one who sent it must do this.",
  correct: "Draft a new public version; another editor publishes it.",
  publish_correction: "Publish the drafted correction as a new public version. The old one stays readable at its address.",
  discard_correction: "Drop the draft; the public entry stays as it is.",
  retract: "Withdraw the public entry. It stays at its address with a retraction notice and your note.",
  reopen: "Put it back into triage.",
};

const DONE: Record<string, string> = {
  accept: "Accepted into corroboration.",
  reject: "Rejected.",
  duplicate: "Marked as a duplicate.",
  send_to_review: "Sent to review.",
  send_back: "Sent back to corroboration.",
  publish: "Published.",
  correct: "Correction drafted. Another editor must publish it.",
  publish_correction: "Correction published.",
  discard_correction: "Correction draft discarded.",
  retract: "Retracted.",
  reopen: "Reopened into triage.",
  grade: "Grade saved.",
  edit: "Claim saved.",
  assign: "Assigned to you.",
  provenance: "Where it came from: saved.",
  sensitivity: "Sensitivity review saved.",
  retried: "Capture queued again.",
  withdrawn: "Item withdrawn: it no longer counts towards the claim.",
  unassign: "Unassigned.",
};

/** "2 items", and those that do not count apart: "2 items · 1 capture failed · 1 withdrawn". */
function evidenceCount(items: { status: string }[]): string {
  const held = items.filter((i) => i.status === "held").length;
  const apart = (["capturing", "failed", "withdrawn"] as const)
    .map((status) => [status, items.filter((i) => i.status === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status === "failed" ? "capture failed" : status}`);
  return [`${held} item${held === 1 ? "" : "s"}`, ...apart].join(" · ");
}

/** How many events the claim's timeline shows: the newest, with a link to the whole log when there are more. */
const TIMELINE_EVENTS = 100;

export default async function ClaimPage({ params, searchParams }: {
  params: Promise<{ claimId: string }>;
  searchParams: Promise<{ done?: string; submitted?: string }>;
}) {
  const { claimId } = await params;
  const { db, actor } = await pageContext(`/claims/${claimId}`);
  const { done, submitted } = await searchParams;
  const claim = await orNotFound(getClaimDetail(db, actor, claimId));
  const { evidence: evidenceItems, assessments, persons: personLinks, origins } = claim;
  const canRecordFigures = can(actor, "figures.record") && takesMaterial(claim.state);
  const [audit, preferences, sourceOptions, figures, figureScopes, importNotice] = await Promise.all([
    listClaimTimeline(db, actor, claim.id, { limit: TIMELINE_EVENTS }),
    getPreferences(db, actor),
    listSourceOptions(db, actor),
    overviewOfFigures(db, actor, claim.figures),
    canRecordFigures ? listFigureScopes(db, actor) : [],
    getImportNotice(db, actor, claim.id),
  ]);
  const sourceNames = new Map(sourceOptions.map((s) => [s.id, s.name]));
  const itemNames = new Map(
    evidenceItems.map((i) => [i.id, i.intake === "capture" ? (i.sourceUrl ?? "page") : i.originalFilename ? displayFilename(i.originalFilename) : i.id.slice(0, 8)]),
  );
  // The timeline holds the items' events too (uploads, captures, sensitivity reviews): each names its item.
  const timelineItems = Object.fromEntries(
    evidenceItems.map((i) => [`evidence:${i.id}`, { kind: "Evidence", title: itemNames.get(i.id) ?? i.id, href: `/evidence/${i.id}` }]),
  );
  const canAddEvidence = can(actor, "evidence.add") && takesMaterial(claim.state);
  const actions = actionsFrom(claim.state).filter((a) => can(actor, TRANSITIONS[a].permission));
  const fourEyes =
    actions.includes("publish") && (claim.submitter.id === actor.id || claim.sentToReviewBy?.id === actor.id || claim.editedInReviewById === actor.id);
  // The grade form sends to review itself: the claim has one grade selector.
  const gradeForm = claim.state === "corroboration" && can(actor, "claims.grade");
  // Corrections have their own panels below: the draft, its form, publishing and discarding it.
  const CORRECTION_ACTIONS: TransitionAction[] = ["correct", "publish_correction", "discard_correction"];
  const shownActions = actions.filter((a) => !(a === "publish" && fourEyes) && !(a === "send_to_review" && gradeForm) && !CORRECTION_ACTIONS.includes(a));
  const mayCorrect = actions.includes("correct");
  const draft = claim.correction;
  const draftedByMe = draft?.draftedBy.id === actor.id;
  const correctionPreview = draft && mayCorrect ? await previewPublicEntry(db, actor, claim.id) : null;
  const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));
  const currentValues: CorrectionValues = {
    kind: claim.kind,
    title: claim.title,
    summary: claim.summary,
    language: claim.language,
    incidentDateFrom: text(claim.incidentDate.from),
    incidentDateTo: text(claim.incidentDate.to),
    placeName: text(claim.place.name),
    latitude: text(claim.place.latitude),
    longitude: text(claim.place.longitude),
    placePrecision: text(claim.place.precision),
    grade: text(claim.grade),
    gradeRationale: text(claim.gradeRationale),
  };
  const draftFields = draft
    ? Object.fromEntries(Object.entries(draft.changes).map(([field, after]) => [field, { before: currentValues[field as keyof CorrectionValues], after }]))
    : {};
  const draftValues = draft
    ? ({ ...currentValues, ...Object.fromEntries(Object.entries(draft.changes).map(([field, value]) => [field, text(value)])) } as CorrectionValues)
    : null;
  const incident = formatIncidentDate(claim.incidentDate);
  /** One workflow step's panel: its name and its form. */
  const stepSection = (action: TransitionAction) => (
    <section key={action} className="rounded-lg border border-stone-200 bg-white p-4">
      <h2 className="mb-2 text-base">{TRANSITIONS[action].label}</h2>
      <TransitionForm
        submit={transitionAction.bind(null, claim.id)}
        claimId={claim.id}
        version={claim.version}
        action={action}
        label={TRANSITIONS[action].label}
        description={DESCRIPTION[action]}
      />
    </section>
  );

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <div className="min-w-0 space-y-6">
        {submitted ? <FormMessage tone="success" message="Your claim was submitted and is waiting in triage." /> : null}
        {typeof done === "string" && Object.hasOwn(DONE, done) ? <FormMessage tone="success" message={DONE[done]} /> : null}
        <div className="space-y-2">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <StateBadge state={claim.state} />
            <GradeBadge grade={claim.grade} />
            <span className="text-stone-500">{KIND_LABEL[claim.kind]} · version {claim.version}</span>
          </div>
          <h1 dir="auto" data-testid="claim-title">{claim.title}</h1>
          {claim.publicSlug ? (
            <p className="text-sm">
              Public entry: <Link href={`/entries/${claim.publicSlug}`}>/entries/{claim.publicSlug}</Link>
            </p>
          ) : null}
        </div>

        {claim.stateReason ? (
          <div className="rounded-md border border-stone-200 bg-stone-100 px-4 py-3 text-sm">
            <span className="font-medium">Reason: </span>
            <span dir="auto">{claim.stateReason}</span>
          </div>
        ) : null}
        {importNotice ? <ImportNoticeBanner submit={dismissImportNoticeAction.bind(null, claim.id)} persons={importNotice.persons} claimId={claim.id} /> : null}
        {draft ? (
          <CorrectionDraft
            claimId={claim.id}
            draft={draft}
            fields={draftFields}
            publicChanges={correctionPreview?.changes ?? null}
          />
        ) : null}
        {claim.duplicateOfId ? (
          <p className="text-sm">
            Duplicate of <Link href={`/claims/${claim.duplicateOfId}`}>this claim</Link>.
          </p>
        ) : null}

        {mayEditClaim(actor, claim.state) ? (
          <details className="rounded-lg border border-stone-200 bg-white p-4" data-testid="edit-claim">
            <summary className="cursor-pointer text-sm font-medium text-teal-800">Edit the claim</summary>
            <p className="mt-2 text-xs text-stone-600">
              Put a typo, a date or internal wording right before it is published. After publication, only a correction changes it.
            </p>
            <div className="mt-4">
              <ClaimForm
                submit={editClaimAction.bind(null, claim.id)}
                required={REQUIRED_CLAIM_FIELDS}
                editing={{
                  version: claim.version,
                  values: {
                    kind: claim.kind,
                    title: claim.title,
                    summary: claim.summary,
                    language: claim.language,
                    incidentDateFrom: claim.incidentDate.from,
                    incidentDateTo: claim.incidentDate.to,
                    placeName: claim.place.name,
                    latitude: claim.place.latitude,
                    longitude: claim.place.longitude,
                    placePrecision: claim.place.precision,
                    firstSeenSourceName: claim.firstSeen.sourceName,
                    firstSeenUrl: claim.firstSeen.url,
                  },
                }}
              />
            </div>
          </details>
        ) : null}

        <section className="rounded-lg border border-stone-200 bg-white p-5">
          <p dir="auto" className="whitespace-pre-line text-stone-800">{claim.summary}</p>
          <dl className="mt-5 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            <div><dt className="text-stone-500">Incident date</dt><dd>{incident ?? "Not given"}</dd></div>
            <div><dt className="text-stone-500">Language</dt><dd>{languageName(claim.language)}</dd></div>
            <div>
              <dt className="text-stone-500">Place</dt>
              <dd dir="auto">
                {claim.place.name ?? "Not given"}
                {claim.place.latitude !== null ? (
                  <span className="block text-xs text-stone-500">
                    {claim.place.latitude}, {claim.place.longitude} ({claim.place.precision})
                  </span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt className="text-stone-500">First seen</dt>
              <dd dir="auto" className="break-words">
                {claim.firstSeen.sourceName ?? "—"}
                {claim.firstSeen.url ? (
                  <span className="block text-xs">
                    <a href={claim.firstSeen.url} rel="noopener noreferrer nofollow" target="_blank">{claim.firstSeen.url}</a>
                  </span>
                ) : null}
              </dd>
            </div>
            <div><dt className="text-stone-500">Submitted by</dt><dd>{claim.submitter.name}, {formatDateTime(claim.createdAt)}</dd></div>
            <div><dt className="text-stone-500">Sent to review by</dt><dd>{claim.sentToReviewBy?.name ?? "—"}</dd></div>
          </dl>
          {claim.grade ? (
            <div className="mt-5 rounded-md bg-stone-50 p-3 text-sm">
              <p><span className="font-medium">Grade:</span> {GRADE_MEANING[claim.grade]}</p>
              {claim.gradeRationale ? <p className="mt-1 text-stone-700" dir="auto">Rationale (internal): {claim.gradeRationale}</p> : null}
            </div>
          ) : null}
        </section>

        <section aria-labelledby="evidence-heading" className="space-y-3">
          <div className="flex items-baseline justify-between">
            <h2 id="evidence-heading">Evidence</h2>
            <span className="text-sm text-stone-500" data-testid="evidence-count">{evidenceCount(evidenceItems)}</span>
          </div>
          <RefreshWhilePending pending={evidenceItems.some((i) => isProcessing(i.processing))} />
          <EvidenceList
            items={evidenceItems}
            revealGraphic={preferences.revealGraphicMedia}
            claimId={claim.id}
            canAssess={can(actor, "claims.assess") && takesMaterial(claim.state)}
            canReviewSensitivity={can(actor, "evidence.mark_sensitivity")}
            actorId={actor.id}
            assessments={assessments}
            sourceNames={sourceNames}
            sourceOptions={can(actor, "evidence.set_sources") && takesMaterial(claim.state) ? sourceOptions : undefined}
            canRetry={canAddEvidence}
            withdrawable={new Set(evidenceItems.filter((i) => mayWithdrawEvidence(actor, i, claim.state)).map((i) => i.id))}
          />
          {canAddEvidence ? (
            <div className="space-y-4 rounded-lg border border-stone-200 bg-white p-4">
              <EvidenceUploader claimId={claim.id} />
              <CaptureForm submit={captureAction.bind(null, claim.id)} />
            </div>
          ) : null}
        </section>

        <PersonsPanel
          claimId={claim.id}
          links={personLinks}
          canAdd={can(actor, "persons.add") && takesMaterial(claim.state)}
          canPublish={can(actor, "persons.publish")}
        />

        <OriginsPanel data={origins} itemNames={itemNames} />
        <FiguresPanel
          claimId={claim.id}
          overview={figures}
          places={[...new Set(figureScopes.map((s) => s.place))]}
          canRecord={canRecordFigures}
          sourceOptions={sourceOptions}
        />

        <section aria-labelledby="timeline-heading" className="space-y-3">
          <h2 id="timeline-heading">Audit timeline</h2>
          {audit.earlier ? (
            <p className="text-sm text-stone-600" data-testid="timeline-earlier">
              The newest {TIMELINE_EVENTS} events, oldest first.{" "}
              {can(actor, "audit.verify") ? (
                <Link href={`/admin/audit?${new URLSearchParams({ entity: `claim:${claim.id}` })}`}>The claim&apos;s whole log</Link>
              ) : null}
            </p>
          ) : null}
          <AuditTimeline events={audit.items} entities={timelineItems} />
        </section>
      </div>

      <aside className="space-y-4" aria-label="Actions">
        {isClaimOpen(claim.state) && can(actor, "claims.assign") ? (
          <section className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 className="mb-2 text-base">Assignee</h2>
            <AssignForm submit={assignAction.bind(null, claim.id)} claimId={claim.id} version={claim.version} actorId={actor.id} assignee={claim.assignee} />
          </section>
        ) : null}
        {gradeForm ? (
          <section className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 className="mb-2 text-base">Grade</h2>
            <GradeForm
              submit={gradeAction.bind(null, claim.id)}
              version={claim.version}
              grade={claim.grade}
              rationale={claim.gradeRationale}
              sendToReview={actions.includes("send_to_review") ? TRANSITIONS.send_to_review.label : undefined}
            />
          </section>
        ) : null}
        {can(actor, "claims.publish") && (claim.state === "review" || claim.state === "published") ? (
          <section className="rounded-lg border border-stone-200 bg-white p-4 text-sm">
            <h2 className="mb-1 text-base">Public entry</h2>
            <p className="text-stone-600">See, field by field, exactly what {claim.state === "review" ? "publishing" : "a correction"} would make public.</p>
            <Link href={`/claims/${claim.id}/preview`} className="mt-2 inline-block">Preview the public entry</Link>
          </section>
        ) : null}
        {fourEyes ? (
          <section className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950" data-testid="four-eyes-notice">
            <h2 className="mb-1 text-base text-amber-950">You cannot publish this claim</h2>
            Four-eyes rule: you {claim.submitter.id === actor.id ? "submitted it" : claim.sentToReviewBy?.id === actor.id ? "sent it to review" : "edited it in review"}, so another editor must check and publish it.
          </section>
        ) : null}
        {mayCorrect && draft ? (
          draftedByMe ? (
            <section className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950" data-testid="correction-four-eyes">
              <h2 className="mb-1 text-base text-amber-950">Your correction waits for another editor</h2>
              Four-eyes rule: you drafted it, so another editor must check and publish it.
            </section>
          ) : (
            stepSection("publish_correction")
          )
        ) : null}
        {mayCorrect ? (
          <section className="rounded-lg border border-stone-200 bg-white p-4">
            <details open={!draft}>
              <summary className="cursor-pointer text-base font-semibold">{draft ? "Draft the correction again" : TRANSITIONS.correct.label}</summary>
              <div className="mt-3">
                <CorrectionForm
                  submit={transitionAction.bind(null, claim.id)}
                  version={claim.version}
                  current={currentValues}
                  draft={draft && draftValues ? { values: draftValues, draftedBy: draft.draftedBy.name } : null}
                />
              </div>
            </details>
          </section>
        ) : null}
        {mayCorrect && draft ? (
          stepSection("discard_correction")
        ) : null}
        {shownActions.map(stepSection)}
        {shownActions.length === 0 && !fourEyes && !mayCorrect && !gradeForm ? (
          <p className="rounded-lg border border-dashed border-stone-300 p-4 text-sm text-stone-600">
            Nothing for you to do on this claim in {claim.state}.
          </p>
        ) : null}
      </aside>
    </div>
  );
}
