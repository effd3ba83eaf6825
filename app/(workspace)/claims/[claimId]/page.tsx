import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
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
import { IncidentsPanel } from "@/components/incidents/incidents-panel";
import { createIncidentAction, linkToIncidentAction } from "@/app/(workspace)/incidents/actions";
import { claimIncidents } from "@/lib/incidents/claim-incidents";
import { listIncidentOptions } from "@/lib/incidents/list-incidents";
import { incidentOptionLabels } from "@/lib/incidents/options";
import { REQUIRED_INCIDENT_FIELDS } from "@/lib/incidents/schemas";
import { CommentsPanel } from "@/components/comments/comments-panel";
import { listCommentsForPage } from "@/lib/comments/list-comments";
import { listMentionOptions } from "@/lib/comments/mentions";
import { GradeForm } from "@/components/claims/grade-form";
import { ClaimShortcuts } from "@/components/claims/claim-shortcuts";
import { LiveChanges } from "@/components/live/live-changes";
import { changesHead } from "@/lib/changes/read-changes";
import { TransitionForm } from "@/components/claims/transition-form";
import { GradeBadge, StateBadge } from "@/components/ui/badges";
import { Disclosure } from "@/components/ui/disclosure";
import { Bidi } from "@/components/ui/bidi";
import { buttonClass, FormMessage } from "@/components/ui/form";
import { FoldedSheet } from "@/components/ui/folded-sheet";
import { getSpeech } from "@/components/ui/speech-server";
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
import { watchAction } from "./watch-actions";
import { WatchButton } from "@/components/notifications/watch-button";
import { isWatching } from "@/lib/notifications/watch";
import { captureAction } from "./evidence-actions";
import { dismissImportNoticeAction } from "./person-actions";
import { getImportNotice } from "@/lib/persons/import/import-notice";
import { languageOf } from "@/lib/i18n/locales";
import { publicPath } from "@/lib/i18n/public-paths";
import { actionsFrom, TRANSITIONS, type TransitionAction } from "@/lib/workflow/machine";
import { isClaimOpen, takesMaterial } from "@/lib/workflow/open-states";
import { CorrectionDraft } from "@/components/claims/correction-draft";
import { CorrectionForm, type CorrectionValues } from "@/components/claims/correction-form";
import { LOCALES } from "@/lib/i18n/locales";
import { previewPublicEntry } from "@/lib/publishing/preview-entry";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("claims.page");
  return { title: t("title") };
}

/** The answers a step sends back to the claim page (`?done=`), each said in the success message. */
const DONE = [
  "accept", "reject", "duplicate", "send_to_review", "send_back", "publish", "correct", "publish_correction", "discard_correction",
  "retract", "reopen", "grade", "edit", "assign", "provenance", "sensitivity", "retried", "withdrawn", "unassign", "incidentLinked",
] as const;
type Done = (typeof DONE)[number];
const isDone = (done: string | undefined): done is Done => (DONE as readonly (string | undefined)[]).includes(done);

/** The items that count, and those that do not count apart: "2 items · 1 capture failed · 1 withdrawn". */
function evidenceCounts(items: { status: string }[]) {
  const count = (status: string) => items.filter((i) => i.status === status).length;
  return {
    held: count("held"),
    apart: (["capturing", "failed", "withdrawn"] as const).map((status) => [status, count(status)] as const).filter(([, n]) => n > 0),
  };
}

/** How many events the claim's timeline shows: the newest, with a link to the whole log when there are more. */
const TIMELINE_EVENTS = 100;
/** How many comments the claim's discussion shows at a time, oldest first. */
const COMMENTS_SHOWN = 100;

export default async function ClaimPage({ params, searchParams }: {
  params: Promise<{ claimId: string }>;
  searchParams: Promise<{ done?: string; submitted?: string; comments?: string }>;
}) {
  const { claimId } = await params;
  const { db, actor } = await pageContext(`/claims/${claimId}`);
  const { done, submitted, comments: commentsCursor } = await searchParams;
  // Before the claim is read: a change made while the page renders is told, never missed.
  const since = await changesHead(db, actor);
  const [t, { words, formats }, locale] = await Promise.all([getTranslations("claims"), getSpeech(), getLocale()]);
  const claim = await orNotFound(getClaimDetail(db, actor, claimId));
  const { evidence: evidenceItems, assessments, persons: personLinks, origins } = claim;
  const canRecordFigures = can(actor, "figures.record") && takesMaterial(claim.state);
  const [audit, preferences, sourceOptions, figures, figureScopes, importNotice, thread, mentionable, watching] = await Promise.all([
    listClaimTimeline(db, actor, claim.id, { limit: TIMELINE_EVENTS }),
    getPreferences(db, actor),
    listSourceOptions(db, actor),
    overviewOfFigures(db, actor, claim.figures),
    canRecordFigures ? listFigureScopes(db, actor) : [],
    getImportNotice(db, actor, claim.id),
    listCommentsForPage(db, actor, claim.id, { cursor: commentsCursor, limit: COMMENTS_SHOWN }),
    listMentionOptions(db, actor, claim.id),
    isWatching(db, actor, claim.id),
  ]);
  const [incidents, incidentOptions] = can(actor, "incidents.read")
    ? await Promise.all([claimIncidents(db, actor, claim.id), can(actor, "incidents.write") ? listIncidentOptions(db, actor).then(incidentOptionLabels) : []])
    : [null, []];
  const sourceNames = new Map(sourceOptions.map((s) => [s.id, s.name]));
  const itemNames = new Map(
    evidenceItems.map((i) => [i.id, i.intake === "capture" ? (i.sourceUrl ?? t("page.capturedPage")) : i.originalFilename ? displayFilename(i.originalFilename) : i.id.slice(0, 8)]),
  );
  // The timeline holds the items' events too (uploads, captures, sensitivity reviews): each names its item.
  const timelineItems = Object.fromEntries(
    evidenceItems.map((i) => [`evidence:${i.id}`, { kind: t("page.evidence"), title: itemNames.get(i.id) ?? i.id, href: `/evidence/${i.id}` }]),
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
  const incident = formats.incidentDate(claim.incidentDate);
  const counted = evidenceCounts(evidenceItems);
  const sections: [string, string][] = [
    ["#statement", t("page.sections.statement")],
    ["#evidence-heading", t("page.sections.evidence")],
    ["#origins-heading", t("page.sections.origins")],
    ["#persons-heading", t("page.sections.persons")],
    ["#figures-heading", t("page.sections.figures")],
    ...(incidents ? ([["#incidents", t("page.sections.incidents")]] as [string, string][]) : []),
    ["#discussion", t("page.sections.discussion")],
    ["#timeline-heading", t("page.sections.timeline")],
  ];
  /** One workflow step's panel: its name and its form. */
  const stepSection = (action: TransitionAction) => (
    <section key={action} className="rounded-lg border border-stone-200 bg-white p-4">
      <h2 className="mb-2 text-base">{t(`step.${action}`)}</h2>
      <TransitionForm
        submit={transitionAction.bind(null, claim.id)}
        claimId={claim.id}
        version={claim.version}
        action={action}
        label={t(`step.${action}`)}
        description={t(`stepDescription.${action}`)}
      />
    </section>
  );

  return (
    <div className="grid gap-8 max-lg:pb-24 lg:grid-cols-[1fr_22rem]">
      <div className="min-w-0 space-y-6">
        <LiveChanges since={since} claimId={claim.id} />
        <ClaimShortcuts />
        {submitted ? <FormMessage tone="success" message={t("page.submitted")} /> : null}
        {isDone(done) ? <FormMessage tone="success" message={t(`done.${done}`)} /> : null}
        <div className="space-y-2">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <StateBadge state={claim.state} />
            <GradeBadge grade={claim.grade} />
            <span className="text-stone-500">{t("page.kindVersion", { kind: words.kind(claim.kind), version: claim.version })}</span>
          </div>
          <h1 dir="auto" data-testid="claim-title">{claim.title}</h1>
          {claim.publicSlug ? (
            <p className="text-sm">
              {t.rich("page.publicEntry", {
                path: publicPath(languageOf(locale), `/entries/${claim.publicSlug}`),
                link: (chunks) => (
                  <Link href={publicPath(languageOf(locale), `/entries/${claim.publicSlug}`)}>
                    <Bidi>{chunks}</Bidi>
                  </Link>
                ),
              })}
            </p>
          ) : null}
        </div>

        {claim.stateReason ? (
          <div className="rounded-md border border-stone-200 bg-stone-100 px-4 py-3 text-sm">
            <span className="font-medium">{t("page.reason")} </span>
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
            {t.rich("page.duplicateOf", { link: (chunks) => <Link href={`/claims/${claim.duplicateOfId}`}>{chunks}</Link> })}
          </p>
        ) : null}

        {mayEditClaim(actor, claim.state) ? (
          <Disclosure className="rounded-lg border border-stone-200 bg-white p-4" testId="edit-claim" summaryClassName="cursor-pointer text-sm font-medium text-teal-800" summary={t("page.edit")}>
            <p className="mt-2 text-xs text-stone-600">{t("page.editNote")}</p>
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
          </Disclosure>
        ) : null}

        {/* On a phone: where each part of this long page is. */}
        <nav aria-label={t("page.sections.label")} className="-mx-4 overflow-x-auto px-4 lg:hidden" data-testid="claim-sections">
          <ul className="flex gap-2 text-sm">
            {sections.map(([href, label]) => (
              <li key={href} className="shrink-0">
                <a href={href} className="inline-flex min-h-11 items-center whitespace-nowrap rounded-full border border-stone-300 bg-white px-3 text-stone-700 no-underline">{label}</a>
              </li>
            ))}
          </ul>
        </nav>

        <section id="statement" aria-label={t("page.sections.statement")} className="scroll-mt-4 rounded-lg border border-stone-200 bg-white p-5">
          <p dir="auto" className="whitespace-pre-line text-stone-800">{claim.summary}</p>
          <dl className="mt-5 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            <div><dt className="text-stone-500">{t("page.incidentDate")}</dt><dd>{incident ?? t("page.notGiven")}</dd></div>
            <div><dt className="text-stone-500">{t("field.language")}</dt><dd>{words.language(claim.language)}</dd></div>
            <div>
              <dt className="text-stone-500">{t("field.placeName")}</dt>
              <dd dir="auto">
                {claim.place.name ?? t("page.notGiven")}
                {claim.place.latitude !== null ? (
                  <span className="block text-xs text-stone-500">
                    {t.rich("page.coordinates", {
                      latitude: String(claim.place.latitude),
                      longitude: String(claim.place.longitude),
                      precision: t.has(`precisionWord.${claim.place.precision}` as never) ? t(`precisionWord.${claim.place.precision}` as never) : String(claim.place.precision),
                      coords: (chunks) => <Bidi>{chunks}</Bidi>,
                    })}
                  </span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt className="text-stone-500">{t("page.firstSeen")}</dt>
              <dd dir="auto" className="break-words">
                {claim.firstSeen.sourceName ?? "—"}
                {claim.firstSeen.url ? (
                  <span className="block text-xs">
                    <a href={claim.firstSeen.url} rel="noopener noreferrer nofollow" target="_blank"><Bidi>{claim.firstSeen.url}</Bidi></a>
                  </span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt className="text-stone-500">{t("page.submittedBy")}</dt>
              <dd>{t.rich("page.submittedByValue", { name: () => <bdi>{claim.submitter.name}</bdi>, date: formats.dateTime(claim.createdAt) })}</dd>
            </div>
            <div><dt className="text-stone-500">{t("page.sentToReviewBy")}</dt><dd><bdi>{claim.sentToReviewBy?.name ?? "—"}</bdi></dd></div>
          </dl>
          {claim.grade ? (
            <div className="mt-5 rounded-md bg-stone-50 p-3 text-sm">
              <p><span className="font-medium">{t("page.gradeLabel")}</span> {words.gradeMeaning(claim.grade)}</p>
              {claim.gradeRationale ? <p className="mt-1 text-stone-700" dir="auto">{t("page.rationale", { rationale: claim.gradeRationale })}</p> : null}
            </div>
          ) : null}
        </section>

        <section aria-labelledby="evidence-heading" className="space-y-3">
          <div className="flex items-baseline justify-between">
            <h2 id="evidence-heading">{t("page.evidence")}</h2>
            <span className="text-sm text-stone-500" data-testid="evidence-count">
              {[t("page.evidenceHeld", { count: counted.held }), ...counted.apart.map(([status, count]) => t(`page.evidenceApart.${status}`, { count }))].join(
                t("page.countSeparator"),
              )}
            </span>
          </div>
          <RefreshWhilePending pending={evidenceItems.some((i) => isProcessing(i.processing))} />
          <EvidenceList
            items={evidenceItems}
            revealGraphic={preferences.revealGraphicMedia}
            lowBandwidth={preferences.lowBandwidth}
            canReadContent={can(actor, "evidence.read_content")}
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
              <EvidenceUploader claimId={claim.id} keepOnDevice={preferences.deviceDrafts} />
              <CaptureForm submit={captureAction.bind(null, claim.id)} />
            </div>
          ) : null}
        </section>

        <OriginsPanel data={origins} itemNames={itemNames} />

        <PersonsPanel
          claimId={claim.id}
          links={personLinks}
          canAdd={can(actor, "persons.add") && takesMaterial(claim.state)}
          canPublish={can(actor, "persons.publish")}
        />
        <FiguresPanel
          claimId={claim.id}
          overview={figures}
          places={[...new Set(figureScopes.map((s) => s.place))]}
          canRecord={canRecordFigures}
          sourceOptions={sourceOptions}
        />

        {incidents ? (
          <IncidentsPanel
            claimId={claim.id}
            incidents={incidents}
            canWrite={can(actor, "incidents.write")}
            link={linkToIncidentAction.bind(null, claim.id)}
            create={createIncidentAction}
            options={incidentOptions}
            required={REQUIRED_INCIDENT_FIELDS}
            locale={languageOf(locale)}
          />
        ) : null}

        <CommentsPanel
          claimId={claim.id}
          thread={thread}
          people={mentionable}
          actorId={actor.id}
          canWrite={can(actor, "comments.write")}
          canModerate={can(actor, "comments.moderate")}
          itemTitles={itemNames}
          laterHref={thread.nextCursor ? `/claims/${claim.id}?${new URLSearchParams({ comments: thread.nextCursor })}#discussion` : null}
          firstHref={commentsCursor ? `/claims/${claim.id}#discussion` : null}
        />

        <section aria-labelledby="timeline-heading" className="space-y-3">
          <h2 id="timeline-heading">{t("page.timeline")}</h2>
          {audit.earlier ? (
            <p className="text-sm text-stone-600" data-testid="timeline-earlier">
              {t("page.timelineNewest", { count: TIMELINE_EVENTS })}{" "}
              {can(actor, "audit.verify") ? (
                <Link href={`/admin/audit?${new URLSearchParams({ entity: `claim:${claim.id}` })}`}>{t("page.wholeLog")}</Link>
              ) : null}
            </p>
          ) : null}
          <AuditTimeline events={audit.items} entities={timelineItems} />
        </section>
      </div>

      {/* On a phone the actions wait in a sheet, opened from a bar at the bottom of the screen. */}
      <FoldedSheet
        fold="lg"
        title={t("page.actions")}
        openLabel={t("page.sections.actions")}
        closeLabel={t("page.sections.closeActions")}
        buttonClassName={`${buttonClass.primary} w-full`}
        buttonTestId="actions-button"
        panelTestId="claim-actions"
        barClassName="fixed inset-x-0 bottom-0 z-20 border-t border-stone-200 bg-white px-4 pt-2 pb-[calc(0.5rem+env(safe-area-inset-bottom))]"
      >
      <aside className="space-y-4" aria-label={t("page.actions")}>
        <section className="rounded-lg border border-stone-200 bg-white p-4" data-testid="watch-panel">
          <WatchButton submit={watchAction.bind(null, claim.id)} watching={watching} />
        </section>
        {isClaimOpen(claim.state) && can(actor, "claims.assign") ? (
          <section className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 className="mb-2 text-base">{t("assign.label")}</h2>
            <AssignForm submit={assignAction.bind(null, claim.id)} claimId={claim.id} version={claim.version} actorId={actor.id} assignee={claim.assignee} />
          </section>
        ) : null}
        {gradeForm ? (
          <section className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 className="mb-2 text-base">{t("field.grade")}</h2>
            <GradeForm
              submit={gradeAction.bind(null, claim.id)}
              version={claim.version}
              grade={claim.grade}
              rationale={claim.gradeRationale}
              sendToReview={actions.includes("send_to_review") ? t("step.send_to_review") : undefined}
            />
          </section>
        ) : null}
        {can(actor, "claims.publish") && (claim.state === "review" || claim.state === "published") ? (
          <section className="rounded-lg border border-stone-200 bg-white p-4 text-sm">
            <h2 className="mb-1 text-base">{t("page.publicEntryHeading")}</h2>
            <p className="text-stone-600">{t("page.previewNote", { change: claim.state === "review" ? "publishing" : "correction" })}</p>
            <Link href={`/claims/${claim.id}/preview`} className="mt-2 inline-block">{t("page.preview")}</Link>
          </section>
        ) : null}
        {fourEyes ? (
          <section className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950" data-testid="four-eyes-notice">
            <h2 className="mb-1 text-base text-amber-950">{t("page.cannotPublish")}</h2>
            {t("page.fourEyes", { why: claim.submitter.id === actor.id ? "submitted" : claim.sentToReviewBy?.id === actor.id ? "sent" : "edited" })}
          </section>
        ) : null}
        {mayCorrect && draft ? (
          draftedByMe ? (
            <section className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950" data-testid="correction-four-eyes">
              <h2 className="mb-1 text-base text-amber-950">{t("page.correctionWaits")}</h2>
              {t("page.correctionFourEyes")}
            </section>
          ) : (
            stepSection("publish_correction")
          )
        ) : null}
        {mayCorrect ? (
          <section className="rounded-lg border border-stone-200 bg-white p-4">
            <details open={!draft}>
              <summary className="cursor-pointer text-base font-semibold">{draft ? t("page.draftAgain") : t("step.correct")}</summary>
              <div className="mt-3">
                <CorrectionForm
                  submit={transitionAction.bind(null, claim.id)}
                  version={claim.version}
                  current={currentValues}
                  draft={draft && draftValues ? { values: draftValues, draftedBy: draft.draftedBy.name } : null}
                  translations={LOCALES.filter((l) => l !== claim.language.split("-")[0]).map((l) => ({
                    locale: l,
                    title: claim.translations[l]?.title ?? "",
                    summary: claim.translations[l]?.summary ?? "",
                    outdated: claim.translations[l]?.outdated ?? false,
                  }))}
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
            {t("page.nothingToDo", { state: t(`stateWord.${claim.state}`) })}
          </p>
        ) : null}
      </aside>
      </FoldedSheet>
    </div>
  );
}
