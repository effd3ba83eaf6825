import "server-only";
import { ping } from "@/db/connect";
import { assessEvidence, listAssessments, ZAssessment } from "@/lib/assessments/assess-evidence";
import { listAuditEvents, ZAuditQuery } from "@/lib/audit/list-events";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { readChanges, ZChangesQuery } from "@/lib/changes/read-changes";
import { assignClaim } from "@/lib/claims/assign-claim";
import { getClaimDetail } from "@/lib/claims/get-claim-detail";
import { gradeClaim } from "@/lib/claims/grade-claim";
import { listClaims } from "@/lib/claims/list-claims";
import { editClaim } from "@/lib/claims/edit-claim";
import { bulkChangeClaims } from "@/lib/claims/bulk-change";
import { ZAssignClaim, ZBulkAction, ZClaimQuery, ZEditClaim, ZGradeClaim, ZSubmitClaim, ZTakeNext } from "@/lib/claims/schemas";
import { takeNextClaim } from "@/lib/claims/take-next";
import { submitClaim } from "@/lib/claims/submit-claim";
import { buildCustodyReport } from "@/lib/evidence/custody-report";
import { discloseCommitment } from "@/lib/evidence/disclosure-packet";
import { setEvidenceDisclosure } from "@/lib/evidence/set-disclosure";
import { ZDiscloseCommitment, ZSetDisclosure } from "@/lib/evidence/schemas";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { listClaimEvidence } from "@/lib/evidence/list-claim-evidence";
import { markSensitivity } from "@/lib/evidence/mark-sensitivity";
import { retryCapture } from "@/lib/evidence/capture/retry-capture";
import { withdrawEvidence } from "@/lib/evidence/withdraw-evidence";
import { type TMarkSensitivity, ZCaptureRequest, ZMarkSensitivity, ZRetryCapture, ZWithdrawEvidence } from "@/lib/evidence/schemas";
import { setEvidenceSources, type TEvidenceSources, ZEvidenceSources } from "@/lib/evidence/set-evidence-sources";
import { createComment } from "@/lib/comments/create-comment";
import { deleteComment } from "@/lib/comments/delete-comment";
import { editComment } from "@/lib/comments/edit-comment";
import { listComments } from "@/lib/comments/list-comments";
import { listMentionCandidates } from "@/lib/comments/mentions";
import { ZCommentQuery, ZDeleteComment, ZEditComment, ZMentionQuery, ZWriteComment } from "@/lib/comments/schemas";
import { addEvidenceNote, deleteEvidenceNote, editEvidenceNote, listEvidenceNotes } from "@/lib/evidence/notes";
import { ZAddEvidenceNote, ZDeleteEvidenceNote, ZEditEvidenceNote } from "@/lib/evidence/notes/schemas";
import { grabFrameAsItem, ZGrabFrame } from "@/lib/evidence/frame-grab";
import { getFigureSeries, listFigureScopes } from "@/lib/figures/figure-series";
import { addAttribution, removeAttribution } from "@/lib/incidents/attributions";
import { recordCasualty, removeCasualty, updateCasualty } from "@/lib/incidents/casualties";
import { createIncident } from "@/lib/incidents/create-incident";
import { getIncident } from "@/lib/incidents/get-incident";
import { linkIncidentClaim, unlinkIncidentClaim } from "@/lib/incidents/incident-claims";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { ZAddAttribution, ZCreateIncident, ZIncidentClaim, ZIncidentQuery, ZPublishIncident, ZRecordCasualty, ZUpdateCasualty, ZUpdateIncident } from "@/lib/incidents/schemas";
import { updateIncident } from "@/lib/incidents/update-incident";
import { incidentVictimsCsv } from "@/lib/incidents/incident-csv";
import { publishIncident } from "@/lib/incidents/publish-incident";
import { getPublicIncident, listPublicIncidents, ZPublicIncidentsQuery } from "@/lib/incidents/public-incidents";
import { listClaimFigures } from "@/lib/figures/list-claim-figures";
import { recordFigure } from "@/lib/figures/record-figure";
import { ZFigureSeriesQuery, ZRecordFigure } from "@/lib/figures/schemas";
import { getClaimOrigins } from "@/lib/origins/claim-origins";
import { addClaimPerson } from "@/lib/persons/add-claim-person";
import { addPersonName } from "@/lib/persons/add-person-name";
import { getPerson } from "@/lib/persons/get-person";
import { commitImport } from "@/lib/persons/import/commit-import";
import { previewImport } from "@/lib/persons/import/preview-import";
import { ZCommitImport, ZPreviewImport } from "@/lib/persons/import/schemas";
import { listClaimPersons } from "@/lib/persons/list-claim-persons";
import { matchPersons } from "@/lib/persons/match-persons";
import { mergePerson } from "@/lib/persons/merge-person";
import { reconcile } from "@/lib/persons/reconcile";
import { removeClaimPerson } from "@/lib/persons/remove-claim-person";
import { ZAddClaimPerson, ZAddPersonName, ZMatchPersons, ZMergePerson, ZReconcile, ZSetPersonVisibility, ZUpdatePerson } from "@/lib/persons/schemas";
import { setClaimPersonVisibility } from "@/lib/persons/set-visibility";
import { splitPerson } from "@/lib/persons/split-person";
import { updatePerson } from "@/lib/persons/update-person";
import { streamPublicEntriesCsv } from "@/lib/publishing/csv";
import { streamPublicExport } from "@/lib/publishing/export-zip";
import { renderPublicFeed } from "@/lib/publishing/feed";
import { readPublicEntries, readPublicEntry, readPublicEntryVersion } from "@/lib/publishing/public-cache";
import { ZPublicEntriesQuery } from "@/lib/publishing/public-entries";
import { addCitation } from "@/lib/sources/add-citation";
import { createSource } from "@/lib/sources/create-source";
import { getSource } from "@/lib/sources/get-source";
import { listSources } from "@/lib/sources/list-sources";
import { ZAddCitation, ZCreateSource, ZSourceQuery, ZUpdateSource } from "@/lib/sources/schemas";
import { updateSource } from "@/lib/sources/update-source";
import { listPublicTimeStamps, listTimeStamps, readPublicTimeStampReply, readTimeStampReply, type TimeStampReply, ZTimeStampQuery } from "@/lib/timestamps/read-stamps";
import { ZTransition } from "@/lib/workflow/schemas";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { revokeToken } from "@/lib/auth/api-tokens";
import { createUser } from "@/lib/users/create-user";
import { getUserDetail } from "@/lib/users/get-user-detail";
import { inviteUser } from "@/lib/users/invite-user";
import { listUsers } from "@/lib/users/list-users";
import { resetSecondFactors } from "@/lib/users/reset-second-factors";
import { ZChangeUser, ZCreateUser, ZInviteUser, ZUserQuery } from "@/lib/users/schemas";
import { changeUser } from "@/lib/users/update-user";
import { createView } from "@/lib/views/create-view";
import { deleteView } from "@/lib/views/delete-view";
import { listViews } from "@/lib/views/list-views";
import { ZCreateView } from "@/lib/views/schemas";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { markNotificationsRead } from "@/lib/notifications/mark-read";
import { getNotificationPreferences, setNotificationPreferences } from "@/lib/notifications/preferences";
import { ZMarkRead, ZNotificationPreferences, ZNotificationQuery } from "@/lib/notifications/schemas";
import { unwatchClaim, watchClaim } from "@/lib/notifications/watch";
import { door, type Doors } from "./door";
import { addEvidence, derivedFile, evidenceContent, tus, workingCopy } from "./file-doors";
import { askedOrigin, requestOrigin } from "./request-origin";
import { queryOf } from "./respond";

/**
 * How each operation of the table (./operations.ts) is served, under the same key: the schemas of
 * its input, which type what the handler hands on and describe it in the OpenAPI document, and
 * the one lib/ function it calls. A handler returns the lib function's result, answered as JSON
 * with the operation's success status, or a Response of its own (files, feeds, the tus protocol).
 * lib/ parses the input itself, after its scope and permission checks.
 */
export const DOORS = {
  "GET /api/v1/claims": door({ query: ZClaimQuery, handle: ({ db, actor, query }) => listClaims(db, actor, query) }),
  "POST /api/v1/claims": door({ body: ZSubmitClaim, handle: async ({ db, actor, readBody }) => submitClaim(db, actor, await readBody()) }),
  "POST /api/v1/claims/take-next": door({
    body: ZTakeNext,
    // No body at all is the same as `{}`: triage, any kind.
    handle: async ({ db, actor, request, readBody }) => takeNextClaim(db, actor, sendsBody(request) ? await readBody() : {}),
  }),
  "POST /api/v1/claims/bulk": door({ body: ZBulkAction, handle: async ({ db, actor, readBody }) => bulkChangeClaims(db, actor, await readBody()) }),
  "GET /api/v1/views": door({ handle: ({ db, actor }) => listViews(db, actor) }),
  "POST /api/v1/views": door({ body: ZCreateView, handle: async ({ db, actor, readBody }) => createView(db, actor, await readBody()) }),
  "DELETE /api/v1/views/{viewId}": door({ handle: ({ db, actor, params }) => deleteView(db, actor, params.viewId) }),
  "GET /api/v1/claims/{claimId}": door({ handle: ({ db, actor, params }) => getClaimDetail(db, actor, params.claimId) }),
  "PATCH /api/v1/claims/{claimId}": door({
    body: ZEditClaim,
    handle: async ({ db, actor, params, readBody }) => editClaim(db, actor, params.claimId, await readBody()),
  }),
  "POST /api/v1/claims/{claimId}/transitions": door({
    body: ZTransition,
    handle: async ({ db, actor, params, readBody }) => transitionClaim(db, actor, params.claimId, await readBody()),
  }),
  "PUT /api/v1/claims/{claimId}/grade": door({
    body: ZGradeClaim,
    handle: async ({ db, actor, params, readBody }) => gradeClaim(db, actor, params.claimId, await readBody()),
  }),
  "PUT /api/v1/claims/{claimId}/assignee": door({
    body: ZAssignClaim,
    handle: async ({ db, actor, params, readBody }) => assignClaim(db, actor, params.claimId, await readBody()),
  }),
  "GET /api/v1/claims/{claimId}/evidence": door({ handle: async ({ db, actor, params }) => ({ items: await listClaimEvidence(db, actor, params.claimId) }) }),
  "POST /api/v1/claims/{claimId}/evidence": door({ body: ZCaptureRequest, handle: addEvidence }),
  "GET /api/v1/evidence/{evidenceId}": door({ handle: ({ db, actor, params }) => getEvidence(db, actor, params.evidenceId) }),
  "PATCH /api/v1/evidence/{evidenceId}": door({
    body: [ZMarkSensitivity, ZEvidenceSources],
    handle: async ({ db, actor, params, readBody }) => {
      const body = await readBody();
      return isSensitivityReview(body) ? markSensitivity(db, actor, params.evidenceId, body) : setEvidenceSources(db, actor, params.evidenceId, body);
    },
  }),
  "POST /api/v1/evidence/{evidenceId}/retry": door({
    body: ZRetryCapture,
    // No body at all is the same as `{}`: there is nothing to say.
    handle: async ({ db, actor, params, request, readBody }) => retryCapture(db, actor, params.evidenceId, sendsBody(request) ? await readBody() : {}),
  }),
  "POST /api/v1/evidence/{evidenceId}/withdraw": door({
    body: ZWithdrawEvidence,
    handle: async ({ db, actor, params, readBody }) => withdrawEvidence(db, actor, params.evidenceId, await readBody()),
  }),
  "GET /api/v1/evidence/{evidenceId}/content": door({ handle: evidenceContent }),
  "GET /api/v1/evidence/{evidenceId}/custody": door({ handle: ({ db, actor, params }) => buildCustodyReport(db, actor, params.evidenceId) }),
  "GET /api/v1/evidence/{evidenceId}/derivatives/{derivativeId}": door({ handle: derivedFile }),
  "GET /api/v1/evidence/{evidenceId}/copies/{copy}": door({ handle: workingCopy }),
  "POST /api/v1/uploads": door({ handle: tus }),
  "OPTIONS /api/v1/uploads": door({ handle: tus }),
  "HEAD /api/v1/uploads/{uploadId}": door({ handle: tus }),
  "GET /api/v1/uploads/{uploadId}": door({ handle: tus }),
  "PATCH /api/v1/uploads/{uploadId}": door({ handle: tus }),
  "DELETE /api/v1/uploads/{uploadId}": door({ handle: tus }),
  "GET /api/v1/sources": door({ query: ZSourceQuery, handle: ({ db, actor, query }) => listSources(db, actor, query) }),
  "POST /api/v1/sources": door({ body: ZCreateSource, handle: async ({ db, actor, readBody }) => createSource(db, actor, await readBody()) }),
  "GET /api/v1/sources/{sourceId}": door({ handle: ({ db, actor, params }) => getSource(db, actor, params.sourceId) }),
  "PATCH /api/v1/sources/{sourceId}": door({
    body: ZUpdateSource,
    handle: async ({ db, actor, params, readBody }) => updateSource(db, actor, params.sourceId, await readBody()),
  }),
  "POST /api/v1/sources/{sourceId}/citations": door({
    body: ZAddCitation,
    handle: async ({ db, actor, params, readBody }) => addCitation(db, actor, params.sourceId, await readBody()),
  }),
  "GET /api/v1/incidents": door({ query: ZIncidentQuery, handle: ({ db, actor, query }) => listIncidents(db, actor, query) }),
  "POST /api/v1/incidents": door({ body: ZCreateIncident, handle: async ({ db, actor, readBody }) => createIncident(db, actor, await readBody()) }),
  "GET /api/v1/incidents/{incidentId}": door({ handle: ({ db, actor, params }) => getIncident(db, actor, params.incidentId) }),
  "PATCH /api/v1/incidents/{incidentId}": door({
    body: ZUpdateIncident,
    handle: async ({ db, actor, params, readBody }) => updateIncident(db, actor, params.incidentId, await readBody()),
  }),
  "POST /api/v1/incidents/{incidentId}/claims": door({
    body: ZIncidentClaim,
    handle: async ({ db, actor, params, readBody }) => linkIncidentClaim(db, actor, params.incidentId, await readBody()),
  }),
  "DELETE /api/v1/incidents/{incidentId}/claims": door({
    body: ZIncidentClaim,
    handle: async ({ db, actor, params, readBody }) => unlinkIncidentClaim(db, actor, params.incidentId, await readBody()),
  }),
  "POST /api/v1/incidents/{incidentId}/casualties": door({
    body: ZRecordCasualty,
    handle: async ({ db, actor, params, readBody }) => recordCasualty(db, actor, params.incidentId, await readBody()),
  }),
  "PATCH /api/v1/incidents/{incidentId}/casualties/{recordId}": door({
    body: ZUpdateCasualty,
    handle: async ({ db, actor, params, readBody }) => updateCasualty(db, actor, params.incidentId, params.recordId, await readBody()),
  }),
  "DELETE /api/v1/incidents/{incidentId}/casualties/{recordId}": door({ handle: ({ db, actor, params }) => removeCasualty(db, actor, params.incidentId, params.recordId) }),
  "POST /api/v1/incidents/{incidentId}/attributions": door({
    body: ZAddAttribution,
    handle: async ({ db, actor, params, readBody }) => addAttribution(db, actor, params.incidentId, await readBody()),
  }),
  "DELETE /api/v1/incidents/{incidentId}/attributions/{attributionId}": door({ handle: ({ db, actor, params }) => removeAttribution(db, actor, params.incidentId, params.attributionId) }),
  "POST /api/v1/incidents/{incidentId}/publish": door({
    body: ZPublishIncident,
    handle: async ({ db, actor, params, readBody }) => publishIncident(db, actor, params.incidentId, await readBody()),
  }),
  "GET /api/v1/claims/{claimId}/figures": door({ handle: async ({ db, actor, params }) => ({ items: await listClaimFigures(db, actor, params.claimId) }) }),
  "POST /api/v1/claims/{claimId}/figures": door({
    body: ZRecordFigure,
    handle: async ({ db, actor, params, readBody }) => recordFigure(db, actor, params.claimId, await readBody()),
  }),
  "GET /api/v1/claims/{claimId}/comments": door({ query: ZCommentQuery, handle: ({ db, actor, params, query }) => listComments(db, actor, params.claimId, query) }),
  "POST /api/v1/claims/{claimId}/comments": door({
    body: ZWriteComment,
    handle: async ({ db, actor, params, readBody }) => createComment(db, actor, params.claimId, await readBody()),
  }),
  "GET /api/v1/claims/{claimId}/mentionable": door({ query: ZMentionQuery, handle: ({ db, actor, params, query }) => listMentionCandidates(db, actor, params.claimId, query) }),
  "PATCH /api/v1/comments/{commentId}": door({
    body: ZEditComment,
    handle: async ({ db, actor, params, readBody }) => editComment(db, actor, params.commentId, await readBody()),
  }),
  "DELETE /api/v1/comments/{commentId}": door({
    body: ZDeleteComment,
    handle: async ({ db, actor, params, readBody }) => deleteComment(db, actor, params.commentId, await readBody()),
  }),
  "GET /api/v1/evidence/{evidenceId}/notes": door({ handle: async ({ db, actor, params }) => ({ items: await listEvidenceNotes(db, actor, params.evidenceId) }) }),
  "POST /api/v1/evidence/{evidenceId}/notes": door({
    body: ZAddEvidenceNote,
    handle: async ({ db, actor, params, readBody }) => addEvidenceNote(db, actor, params.evidenceId, await readBody()),
  }),
  "PATCH /api/v1/evidence-notes/{noteId}": door({
    body: ZEditEvidenceNote,
    handle: async ({ db, actor, params, readBody }) => editEvidenceNote(db, actor, params.noteId, await readBody()),
  }),
  "DELETE /api/v1/evidence-notes/{noteId}": door({
    body: ZDeleteEvidenceNote,
    handle: async ({ db, actor, params, readBody }) => {
      await deleteEvidenceNote(db, actor, params.noteId, await readBody());
    },
  }),
  "PUT /api/v1/evidence/{evidenceId}/disclosure": door({
    body: ZSetDisclosure,
    handle: async ({ db, actor, params, readBody }) => setEvidenceDisclosure(db, actor, params.evidenceId, await readBody()),
  }),
  "POST /api/v1/evidence/{evidenceId}/disclosure-packet": door({
    body: ZDiscloseCommitment,
    handle: async ({ db, actor, params, readBody }) => discloseCommitment(db, actor, params.evidenceId, await readBody()),
  }),
  "POST /api/v1/evidence/{evidenceId}/frames": door({
    body: ZGrabFrame,
    handle: async ({ db, actor, params, readBody }) => grabFrameAsItem(db, actor, params.evidenceId, await readBody()),
  }),
  "GET /api/v1/figures": door({ handle: async ({ db, actor }) => ({ items: await listFigureScopes(db, actor) }) }),
  "GET /api/v1/figures/series": door({ query: ZFigureSeriesQuery, handle: ({ db, actor, query }) => getFigureSeries(db, actor, query) }),
  "GET /api/v1/claims/{claimId}/assessments": door({ handle: async ({ db, actor, params }) => ({ items: await listAssessments(db, actor, params.claimId) }) }),
  "POST /api/v1/claims/{claimId}/assessments": door({
    body: ZAssessment,
    handle: async ({ db, actor, params, readBody }) => assessEvidence(db, actor, params.claimId, await readBody()),
  }),
  "GET /api/v1/claims/{claimId}/origins": door({
    handle: async ({ db, actor, params }) => {
      const { origins, supporting, contradicting, suggestedGrade, because, limitedBy, items } = await getClaimOrigins(db, actor, params.claimId);
      return {
        origins: origins.map(({ id, sourceIds, evidenceIds, stance, firstHand, reasons }) => ({ id, sourceIds, evidenceIds, stance, firstHand, reasons })),
        supporting,
        contradicting,
        suggestedGrade,
        because,
        limitedBy,
        items,
      };
    },
  }),
  "GET /api/v1/claims/{claimId}/persons": door({ handle: async ({ db, actor, params }) => ({ items: await listClaimPersons(db, actor, params.claimId) }) }),
  "POST /api/v1/claims/{claimId}/persons": door({
    body: ZAddClaimPerson,
    handle: async ({ db, actor, params, readBody }) => addClaimPerson(db, actor, params.claimId, await readBody()),
  }),
  "PATCH /api/v1/claims/{claimId}/persons/{linkId}": door({
    body: ZSetPersonVisibility,
    handle: async ({ db, actor, params, readBody }) => setClaimPersonVisibility(db, actor, params.claimId, params.linkId, await readBody()),
  }),
  "DELETE /api/v1/claims/{claimId}/persons/{linkId}": door({ handle: ({ db, actor, params }) => removeClaimPerson(db, actor, params.claimId, params.linkId) }),
  "POST /api/v1/claims/{claimId}/persons/import/preview": door({
    body: ZPreviewImport,
    handle: async ({ db, actor, params, readBody }) => previewImport(db, actor, params.claimId, await readBody()),
  }),
  "POST /api/v1/claims/{claimId}/persons/import": door({
    body: ZCommitImport,
    handle: async ({ db, actor, params, readBody }) => commitImport(db, actor, params.claimId, await readBody()),
  }),
  "POST /api/v1/persons/match": door({ body: ZMatchPersons, handle: async ({ db, actor, readBody }) => matchPersons(db, actor, await readBody()) }),
  "POST /api/v1/persons/reconcile": door({ body: ZReconcile, handle: async ({ actor, readBody }) => reconcile(actor, await readBody()) }),
  "GET /api/v1/persons/{personId}": door({ handle: ({ db, actor, params }) => getPerson(db, actor, params.personId) }),
  "PATCH /api/v1/persons/{personId}": door({
    body: ZUpdatePerson,
    handle: async ({ db, actor, params, readBody }) => updatePerson(db, actor, params.personId, await readBody()),
  }),
  "POST /api/v1/persons/{personId}/names": door({
    body: ZAddPersonName,
    handle: async ({ db, actor, params, readBody }) => addPersonName(db, actor, params.personId, await readBody()),
  }),
  "POST /api/v1/persons/{personId}/merge": door({
    body: ZMergePerson,
    handle: async ({ db, actor, params, readBody }) => mergePerson(db, actor, params.personId, await readBody()),
  }),
  "POST /api/v1/persons/{personId}/split": door({ handle: ({ db, actor, params }) => splitPerson(db, actor, params.personId) }),
  "GET /api/v1/changes": door({ query: ZChangesQuery, handle: ({ db, actor, query }) => readChanges(db, actor, query) }),
  "GET /api/v1/audit": door({ query: ZAuditQuery, handle: ({ db, actor, query }) => listAuditEvents(db, actor, query) }),
  "GET /api/v1/audit/verify": door({
    handle: async ({ db, actor }) => {
      const { ok, events, head, firstBroken, problem } = await verifyAuditChain(db, actor);
      return { ok, events, head, firstBroken, problem };
    },
  }),
  // The public reads take the query as sent (lib/publishing parses it); the schema describes it.
  "GET /api/v1/public/entries": door({ query: ZPublicEntriesQuery, handle: ({ query }) => readPublicEntries(query) }),
  "GET /api/v1/public/entries/{slug}": door({ handle: ({ params }) => readPublicEntry(params.slug) }),
  "GET /api/v1/public/entries/{slug}/versions/{version}": door({ handle: ({ params }) => readPublicEntryVersion(params.slug, params.version) }),
  "GET /api/v1/public/incidents": door({ query: ZPublicIncidentsQuery, handle: ({ db, query }) => listPublicIncidents(db, query) }),
  "GET /api/v1/public/incidents/{slug}": door({ handle: ({ db, params }) => getPublicIncident(db, params.slug) }),
  "GET /api/v1/public/incidents/{slug}/victims.csv": door({
    handle: async ({ db, params }) => {
      const incident = await getPublicIncident(db, params.slug);
      return new Response(incidentVictimsCsv(incident), {
        headers: {
          "Content-Type": "text/csv; charset=utf-8; header=present",
          "Content-Disposition": `attachment; filename="${incident.slug}-victims.csv"`,
          "Cache-Control": "no-store",
        },
      });
    },
  }),
  "GET /api/v1/public/feed.atom": door({
    handle: async ({ request, db }) =>
      new Response(await renderPublicFeed(db, requestOrigin(request)), {
        headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "no-store" },
      }),
  }),
  // The list's filters without its page: the CSV is every entry.
  "GET /api/v1/public/entries.csv": door({
    query: ZPublicEntriesQuery.omit({ cursor: true, limit: true }),
    handle: async ({ request, db }) =>
      new Response(await streamPublicEntriesCsv(db, requestOrigin(request), queryOf(request)), {
        headers: {
          "Content-Type": "text/csv; charset=utf-8; header=present",
          "Content-Disposition": 'attachment; filename="corroborate-entries.csv"',
          "Cache-Control": "no-store",
        },
      }),
  }),
  "GET /api/v1/public/export.zip": door({
    handle: async ({ request, db }) =>
      new Response(streamPublicExport(db, requestOrigin(request)), {
        headers: {
          "Content-Type": "application/zip",
          "Content-Disposition": 'attachment; filename="corroborate-public-dataset.zip"',
          "Cache-Control": "no-store",
        },
      }),
  }),
  "GET /api/v1/public/time-stamps": door({ query: ZTimeStampQuery, handle: ({ db, query }) => listPublicTimeStamps(db, query) }),
  "GET /api/v1/public/time-stamps/{stampId}/token": door({ handle: async ({ db, params }) => timeStampReply(await readPublicTimeStampReply(db, params.stampId), "public, max-age=86400") }),
  "GET /api/v1/time-stamps": door({ query: ZTimeStampQuery, handle: ({ db, actor, query }) => listTimeStamps(db, actor, query) }),
  "GET /api/v1/time-stamps/{stampId}/token": door({ handle: async ({ db, actor, params }) => timeStampReply(await readTimeStampReply(db, actor, params.stampId), "private, no-store") }),
  "GET /api/v1/users": door({ query: ZUserQuery, handle: ({ db, actor, query }) => listUsers(db, actor, query) }),
  "POST /api/v1/users": door({ body: ZCreateUser, handle: async ({ db, actor, readBody }) => createUser(db, actor, await readBody()) }),
  "GET /api/v1/users/{userId}": door({ handle: ({ db, actor, params }) => getUserDetail(db, actor, params.userId) }),
  "PATCH /api/v1/users/{userId}": door({
    body: ZChangeUser,
    handle: async ({ db, actor, params, readBody }) => changeUser(db, actor, params.userId, await readBody()),
  }),
  "POST /api/v1/invitations": door({
    body: ZInviteUser,
    handle: async ({ db, actor, request, readBody }) => inviteUser(db, actor, await readBody(), { askedOrigin: askedOrigin(request) }),
  }),
  "PUT /api/v1/claims/{claimId}/watch": door({ handle: ({ db, actor, params }) => watchClaim(db, actor, params.claimId) }),
  "DELETE /api/v1/claims/{claimId}/watch": door({ handle: ({ db, actor, params }) => unwatchClaim(db, actor, params.claimId) }),
  "GET /api/v1/notifications": door({ query: ZNotificationQuery, handle: ({ db, actor, query }) => listNotifications(db, actor, query) }),
  "POST /api/v1/notifications/read": door({ body: ZMarkRead, handle: async ({ db, actor, readBody }) => markNotificationsRead(db, actor, await readBody()) }),
  "GET /api/v1/notifications/preferences": door({ handle: ({ db, actor }) => getNotificationPreferences(db, actor) }),
  "PUT /api/v1/notifications/preferences": door({ body: ZNotificationPreferences, handle: async ({ db, actor, readBody }) => setNotificationPreferences(db, actor, await readBody()) }),
  "DELETE /api/v1/tokens/{tokenId}": door({ handle: ({ db, actor, params }) => revokeToken(db, actor, params.tokenId) }),
  "DELETE /api/v1/users/{userId}/second-factors": door({ handle: ({ db, actor, params }) => resetSecondFactors(db, actor, params.userId) }),
  /**
   * Liveness with a database round trip; reveals nothing. A request that sends a token has it
   * checked like any API call's (401 when it is not valid): the benchmark's baseline of an
   * authenticated request that does nothing else.
   */
  "GET /api/v1/health": door({
    handle: async ({ request, db, resolveActor }) => {
      if (request.headers.has("authorization")) await resolveActor();
      await ping(db);
      return { ok: true };
    },
  }),
} satisfies Doors;

/** A token as a download: a time-stamp reply (RFC 3161's media type), never shown inline. A token never changes once stored. */
function timeStampReply({ bytes, filename }: TimeStampReply, cacheControl: string): Response {
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": "application/timestamp-reply", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": cacheControl },
  });
}

/** Whether a request carries a body to read: a content type, or a length above zero. */
function sendsBody(request: Request): boolean {
  return request.headers.has("content-type") || Number(request.headers.get("content-length") ?? "0") > 0 || request.headers.has("transfer-encoding");
}

/** `{isGraphic, hasPersonalData, version}` reviews sensitivity; `{publishedBySourceId?, obtainedViaSourceId?, isFirstHand?, version}` says where the item came from. */
function isSensitivityReview(body: TMarkSensitivity | TEvidenceSources): body is TMarkSensitivity {
  return !!body && typeof body === "object" && ("isGraphic" in body || "hasPersonalData" in body);
}
