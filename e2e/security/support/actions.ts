import fs from "node:fs";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import type { Permission } from "@/lib/auth/permissions";
import { TRANSITIONS, type TransitionAction } from "@/lib/workflow/machine";
import {
  type ApiOp,
  can,
  claimTargets,
  commentTargets,
  evidenceTargets,
  freshLink,
  noteTargets,
  timedTargets,
  linkTargets,
  personTargets,
  sourceTargets,
  STALE,
  type Target,
  tokenTargets,
  userTargets,
  freshView,
  viewDeleteStatus,
  viewTargets,
  visible,
  workspaceTargets,
  incidentTargets,
  casualtyTargets,
  attributionTargets,
} from "./matrix";
import { type ActorKey, makeIncident, personName, RANDOM_ID, ROLE_OF, unique, type World } from "./world";

const INCIDENT_ACTIONS = "app/(workspace)/incidents/actions.ts";
/** A new incident like the world's, for cells that really unlink, remove or withdraw. */
async function freshIncident(w: World, t: Target): Promise<Target> {
  const made = await makeIncident(w.api, { Authorization: `Bearer ${w.tokens.reviewer}` }, { claimId: w.claims.mine.id, personId: w.claims.mine.person.id, sourceId: w.sources.main });
  return { ...t, params: { ...t.params, incidentId: made.id, recordId: made.recordId, attributionId: made.attributionId } };
}
const incidentForm = () => ({ title: unique("Matrix form incident "), language: "en", type: "arrest", placeName: "Jableh", placePrecision: "locality", startDate: "2025-03-07", endDate: "2025-03-07", datePrecision: "day" });

/**
 * The server actions, posted as the page's script posts them (`Next-Action` header, the bound
 * arguments and the form in React's reply encoding) with each actor's session cookie. The bound
 * arguments (a claim's id, an item's, a person's) travel in the clear, so anyone can post any
 * id: exactly what the matrix tries. The action id comes from the build's manifest.
 */

export type ActionCall = {
  /** The arguments bound on the page (`action.bind(null, claimId)`). */
  bound: unknown[];
  /** The form's fields; absent for an action called with plain arguments. */
  fields?: Record<string, string>;
  /** Plain arguments (an action called from a script, not a form). */
  args?: unknown[];
};

export type ActionOp = Pick<ApiOp, "permission" | "order" | "allowed" | "expect" | "targets"> & {
  file: string;
  name: string;
  variant?: string;
  call: (w: World, t: Target, actor: ActorKey) => ActionCall;
  fresh?: (w: World, t: Target, actor: ActorKey) => Promise<Target>;
  check?: (w: World, t: Target, actor: ActorKey, result: unknown) => string[];
};

/** Actions outside the matrix, and why. */
export const EXEMPT_ACTIONS: Record<string, string> = {
  "app/(auth)/login/actions.ts#signInAction": "signing in itself: anyone may try (e2e/auth.spec.ts, the lockout in e2e/security-sessions.spec.ts)",
  "app/(auth)/login/actions.ts#signOutAction": "ends the caller's own session; needs no permission",
  "app/(auth)/invite/[token]/actions.ts#acceptInvitationAction":
    "anyone holding an invitation link: the link is the credential, used once (lib/users/invite-user.test.ts; e2e/people.spec.ts; expired, reused and forged links in the attack corpus)",
  "app/(auth)/login/forgot/actions.ts#requestResetAction": "asking for a reset link: anyone may, with the same answer for every address, limited (lib/account/password-reset.test.ts, e2e/account-mail.spec.ts)",
  "app/(auth)/reset-password/actions.ts#resetPasswordAction": "the e-mailed link is the proof, not a session (lib/account/password-reset.test.ts, e2e/account-mail.spec.ts)",
  "app/(auth)/login/verify/actions.ts#verifyCodeAction": "the second factor of signing in itself: only a session that owes one may give it (lib/auth/second-factor.test.ts, e2e/two-factor.spec.ts)",
  "app/(auth)/login/verify/actions.ts#passkeySignInOptionsAction": "the second factor of signing in itself: only a session that owes one gets options (e2e/two-factor.spec.ts)",
  "app/(auth)/login/verify/actions.ts#verifyPasskeyAction": "the second factor of signing in itself: only a session that owes one may give it (e2e/two-factor.spec.ts)",
  "app/(auth)/login/actions.ts#organisationSignInAction": "starts signing in at the organisation's identity provider: anyone may (e2e/oidc.spec.ts)",
  "app/language-actions.ts#chooseLanguageAction": "sets the caller's own language (a cookie, and their own setting when signed in); needs no permission (lib/i18n/choose-language.test.ts)",
};

const CLAIM_ACTIONS = "app/(workspace)/claims/[claimId]/actions.ts";
const QUEUE_ACTIONS = "app/(workspace)/claims/actions.ts";
const SECURITY_ACTIONS = "app/(workspace)/settings/security/actions.ts";
const COMMENT_ACTIONS = "app/(workspace)/claims/[claimId]/comment-actions.ts";
const NOTE_ACTIONS = "app/(workspace)/evidence/[evidenceId]/note-actions.ts";
// The world's claims are open or published, and a published claim takes material for a correction (issue 17).
const openOrPublished = (ok: number) => () => ok;

const TRANSITION_FIELDS: Record<TransitionAction, Record<string, string>> = {
  accept: {},
  reject: { reason: "Permission matrix." },
  duplicate: { targetId: RANDOM_ID },
  send_to_review: { grade: "probable", rationale: "Permission matrix." },
  send_back: { reason: "Permission matrix." },
  publish: {},
  correct: { reason: "Permission matrix.", original_title: "Before", change_title: "Corrected by the permission matrix" },
  publish_correction: {},
  discard_correction: { reason: "Permission matrix." },
  retract: { reason: "Permission matrix." },
  reopen: { reason: "Permission matrix." },
};

/** Each person's name as a search: the answer may name the person only for those who can see them. */
const nameTargets = (w: World): Target[] =>
  Object.values(w.claims).map((c) => ({ kind: "person", owner: "everyone", special: `searching the name of a person in ${c.key === "theirs" ? "submitter2" : "the submitter"}'s ${c.published ? "published" : "unpublished"} claim`, params: {}, reads: [], claim: c }));

export const ACTION_OPS: ActionOp[] = [
  {
    file: "app/(workspace)/settings/actions.ts",
    name: "savePreferencesAction",
    permission: null,
    targets: workspaceTargets,
    call: () => ({ bound: [], fields: { revealGraphicMedia: "on" } }),
    allowed: () => 200,
  },
  // A person's own second factors: every signed-in person, each only their own (issue 19).
  { file: SECURITY_ACTIONS, name: "startTotpAction", permission: null, targets: workspaceTargets, call: () => ({ bound: [], fields: {} }), allowed: () => 200 },
  // An empty code is refused before anything is looked at (and is not counted as a guess).
  { file: SECURITY_ACTIONS, name: "confirmTotpAction", permission: null, targets: workspaceTargets, call: () => ({ bound: [], fields: { code: "" } }), allowed: () => 400 },
  // The world's people have no app: removing it changes nothing and answers ok.
  { file: SECURITY_ACTIONS, name: "removeTotpAction", permission: null, targets: workspaceTargets, call: () => ({ bound: [], fields: {} }), allowed: () => 200 },
  // Nobody in the world has a second factor, so nobody has recovery codes to replace.
  { file: SECURITY_ACTIONS, name: "regenerateRecoveryCodesAction", permission: null, targets: workspaceTargets, call: () => ({ bound: [], fields: {} }), allowed: () => 422 },
  { file: SECURITY_ACTIONS, name: "passkeyOptionsAction", permission: null, targets: workspaceTargets, call: () => ({ bound: [], args: [] }), allowed: () => 200 },
  { file: SECURITY_ACTIONS, name: "registerPasskeyAction", permission: null, targets: workspaceTargets, call: () => ({ bound: [], args: [{ name: "Matrix key", response: {} }] }), allowed: () => 400 },
  { file: SECURITY_ACTIONS, name: "removePasskeyAction", permission: null, targets: workspaceTargets, call: () => ({ bound: [RANDOM_ID], fields: {} }), allowed: () => 404 },
  // Notifications (issue 20): one's own inbox and choices, a watch on a claim one can see, the team's settings.
  { file: "app/(workspace)/claims/[claimId]/watch-actions.ts", name: "watchAction", permission: null, targets: claimTargets, call: (_w, t) => ({ bound: [t.params.claimId], fields: { watch: "on" } }), allowed: () => 200 },
  // Another's notification, or none: nothing of one's own to mark, answered alike.
  { file: "app/(workspace)/inbox/actions.ts", name: "markReadAction", permission: null, targets: workspaceTargets, call: () => ({ bound: [RANDOM_ID] }), allowed: () => 200 },
  { file: "app/(workspace)/inbox/actions.ts", name: "markAllReadAction", permission: null, targets: workspaceTargets, call: () => ({ bound: [] }), allowed: () => 200 },
  // No kind named: nothing changes.
  { file: "app/(workspace)/settings/notification-actions.ts", name: "saveNotificationPreferencesAction", permission: null, targets: workspaceTargets, call: () => ({ bound: [], fields: {} }), allowed: () => 200 },
  // The settings the world already has (3 days, no titles in mail): nothing changes.
  { file: "app/(workspace)/admin/notifications/actions.ts", name: "saveNotificationSettingsAction", permission: "settings.notifications", targets: workspaceTargets, call: () => ({ bound: [], fields: { reminderDays: "3" } }), allowed: () => 200 },
  // Every box unticked: the policy the world already has (no role must enrol), so nothing changes.
  { file: "app/(workspace)/admin/security/actions.ts", name: "saveTwoFactorPolicyAction", permission: "users.manage", targets: workspaceTargets, call: () => ({ bound: [], fields: {} }), allowed: () => 200 },
  {
    file: "app/(workspace)/admin/users/actions.ts",
    name: "inviteAction",
    permission: "users.manage",
    order: "permission-first",
    targets: workspaceTargets,
    call: () => ({ bound: [], fields: { email: `${unique("matrix-invite-")}@perms.test`.toLowerCase(), role: "reviewer" } }),
    allowed: () => 200,
  },
  {
    file: "app/(workspace)/admin/users/actions.ts",
    name: "changeRoleAction",
    permission: "users.manage",
    order: "permission-first",
    targets: userTargets,
    // The role they have: let through, nothing changes.
    call: (_w, t) => ({ bound: [t.params.userId], fields: { role: "submitter" } }),
    allowed: () => 200,
  },
  {
    file: "app/(workspace)/admin/users/actions.ts",
    name: "setActiveAction",
    permission: "users.manage",
    order: "permission-first",
    targets: userTargets,
    // Active already: let through, nothing changes.
    call: (_w, t) => ({ bound: [t.params.userId], fields: { active: "true" } }),
    allowed: () => 200,
  },
  {
    file: "app/(workspace)/admin/users/actions.ts",
    name: "resetSecondFactorsAction",
    permission: "users.manage",
    order: "permission-first",
    targets: userTargets,
    // They have none: let through, nothing removed.
    call: (_w, t) => ({ bound: [t.params.userId], fields: {} }),
    allowed: () => 200,
  },
  {
    file: "app/(workspace)/admin/users/actions.ts",
    name: "revokeTokenAction",
    permission: "tokens.own",
    targets: tokenTargets,
    call: (w, t) => ({ bound: [w.userIds.submitter2, t.params.tokenId], fields: {} }),
    allowed: () => 200,
  },
  {
    file: "app/(workspace)/admin/users/actions.ts",
    name: "endSessionAction",
    permission: null,
    // Only sessions that are nobody's: ending a real one would sign the matrix's actors out.
    targets: () => [
      { kind: "session", owner: "nobody", special: "nonexistent", params: { sessionId: RANDOM_ID }, reads: [] },
      { kind: "session", owner: "nobody", special: "malformed", params: { sessionId: "not-a-session" }, reads: [] },
    ],
    call: (w, t) => ({ bound: [w.userIds.submitter2, t.params.sessionId], fields: {} }),
    allowed: () => 200,
  },
  {
    file: "app/(workspace)/settings/actions.ts",
    name: "renameSelfAction",
    permission: null,
    targets: workspaceTargets,
    // A name too long: let through to the person's own account, refused by the schema; the world's names stay.
    call: () => ({ bound: [], fields: { name: "x".repeat(201) } }),
    allowed: () => 400,
  },
  {
    file: "app/(workspace)/settings/actions.ts",
    name: "changePasswordAction",
    permission: null,
    targets: workspaceTargets,
    // The new password typed two ways: refused before the current one is tried (nor counted), the world's passwords stay.
    call: () => ({ bound: [], fields: { currentPassword: "not checked", newPassword: "a matrix password", confirmPassword: "another matrix password" } }),
    allowed: () => 400,
  },
  {
    file: "app/(workspace)/settings/actions.ts",
    name: "endSessionAction",
    permission: null,
    targets: workspaceTargets,
    // A session nobody has (another's is the same NOT_FOUND: lib/account/self-service.test.ts).
    call: () => ({ bound: [RANDOM_ID] }),
    allowed: () => 404,
  },
  {
    file: "app/(workspace)/settings/actions.ts",
    name: "createOwnTokenAction",
    permission: "tokens.own",
    targets: workspaceTargets,
    call: () => ({ bound: [], fields: { label: unique("Matrix form token "), expiresInDays: "30", readOnly: "on" } }),
    allowed: () => 200,
  },
  {
    file: "app/(workspace)/settings/actions.ts",
    name: "revokeOwnTokenAction",
    permission: null,
    targets: workspaceTargets,
    // A token nobody has (another's is the same NOT_FOUND: lib/account/self-service.test.ts).
    call: () => ({ bound: [RANDOM_ID] }),
    allowed: () => 404,
  },
  {
    file: "app/(workspace)/claims/new/actions.ts",
    name: "submitClaimAction",
    permission: "claims.submit",
    order: "permission-first",
    targets: workspaceTargets,
    call: () => ({ bound: [], fields: { kind: "report", title: unique("Matrix form submission "), summary: "Submitted through the form by the permission matrix.", language: "en" } }),
    allowed: () => 200,
  },
  // Take next from a closed state: past the permission, refused by the state guard; nothing taken.
  {
    file: QUEUE_ACTIONS,
    name: "takeNextAction",
    permission: "claims.assign",
    order: "permission-first",
    targets: workspaceTargets,
    call: () => ({ bound: [], fields: { state: "retracted" } }),
    allowed: () => 422,
  },
  // One chunk of a bulk action: refused whole without the action's permission; else each item
  // answers for itself (a claim one may not see 404, a visible one the stale version's 409).
  ...(["assign", "accept", "reject", "duplicate"] as const).map(
    (action): ActionOp => ({
      file: QUEUE_ACTIONS,
      name: "bulkAction",
      variant: action,
      permission: action === "assign" ? "claims.assign" : TRANSITIONS[action].permission,
      targets: claimTargets,
      call: (_w, t) => ({
        bound: [],
        fields: { action, items: JSON.stringify([{ id: t.params.claimId, version: STALE }]), ...(action === "assign" ? { assigneeId: "none" } : {}), ...(action === "reject" ? { reason: "Permission matrix." } : {}), ...(action === "duplicate" ? { targetId: RANDOM_ID } : {}) },
      }),
      allowed: () => 200,
      expect: (actor, t) => (t.special === "malformed" ? 400 : can(ROLE_OF[actor], action === "assign" ? "claims.assign" : TRANSITIONS[action].permission) ? 200 : 403),
      check: (_w, t, actor, result) => {
        const results = (result as { results?: { id: string; status: number }[] }).results ?? [];
        const wanted = visible(actor, t) ? 409 : 404;
        return results.length === 1 && results[0].id === t.params.claimId && results[0].status === wanted ? [] : [`the item answered ${JSON.stringify(results)}, not ${wanted}`];
      },
    }),
  ),
  // "Select all matching": only what the actor may see is ever selected.
  {
    file: QUEUE_ACTIONS,
    name: "selectMatchingAction",
    permission: null,
    targets: workspaceTargets,
    call: () => ({ bound: [], args: [{ state: "all" }] }),
    allowed: () => 200,
    check: (w, _t, actor, result) => {
      const ids = ((result as { items?: { id: string }[] }).items ?? []).map((i) => i.id);
      const hidden = Object.values(w.claims).filter((c) => !visible(actor, { kind: "claim", owner: c.owner, params: {}, reads: [] }));
      const leaked = hidden.filter((c) => ids.includes(c.id));
      const missing = Object.values(w.claims).filter((c) => !hidden.includes(c) && !ids.includes(c.id));
      return [...leaked.map((c) => `selected ${c.key}, which the actor may not see`), ...missing.map((c) => `did not select ${c.key} (the check above would prove nothing)`)];
    },
  },
  ...(["personal", "shared"] as const).map(
    (variant): ActionOp => ({
      file: QUEUE_ACTIONS,
      name: "saveViewAction",
      variant,
      permission: variant === "shared" ? "views.share" : "views.save",
      order: "permission-first",
      targets: workspaceTargets,
      call: () => ({ bound: [], fields: { name: unique("Matrix form view "), state: "triage", order: "waiting", ...(variant === "shared" ? { shared: "on" } : {}) } }),
      allowed: () => 200,
    }),
  ),
  // One's own view (a personal one: another's is not found), and another's shared view, an editor's to delete.
  {
    file: QUEUE_ACTIONS,
    name: "deleteViewAction",
    variant: "own view",
    permission: "views.save",
    order: "permission-first",
    targets: (w) => viewTargets(w).filter((t) => t.params.viewId !== w.views.shared),
    call: (_w, t) => ({ bound: [t.params.viewId], fields: {} }),
    allowed: () => 200,
    expect: (actor, t) => viewDeleteStatus(actor, t, 200),
    fresh: freshView,
  },
  {
    file: QUEUE_ACTIONS,
    name: "deleteViewAction",
    variant: "another's shared view",
    permission: "views.moderate",
    order: "permission-first",
    targets: (w) => viewTargets(w).filter((t) => t.params.viewId === w.views.shared),
    call: (_w, t) => ({ bound: [t.params.viewId], fields: {} }),
    allowed: () => 200,
    expect: (actor, t) => viewDeleteStatus(actor, t, 200),
    fresh: freshView,
  },
  ...(Object.keys(TRANSITIONS) as TransitionAction[]).map(
    (action): ActionOp => ({
      file: CLAIM_ACTIONS,
      name: "transitionAction",
      variant: action,
      permission: TRANSITIONS[action].permission,
      targets: claimTargets,
      call: (_w, t) => ({ bound: [t.params.claimId], fields: { action, version: String(STALE), ...TRANSITION_FIELDS[action] } }),
      allowed: () => 409,
    }),
  ),
  {
    file: CLAIM_ACTIONS,
    name: "gradeAction",
    permission: "claims.grade",
    targets: claimTargets,
    call: (_w, t) => ({ bound: [t.params.claimId], fields: { grade: "probable", rationale: "Permission matrix.", version: String(STALE) } }),
    allowed: () => 409,
  },
  {
    file: CLAIM_ACTIONS,
    name: "editClaimAction",
    permission: "claims.edit",
    targets: claimTargets,
    call: (_w, t) => ({ bound: [t.params.claimId], fields: { title: "Edited by the permission matrix", version: String(STALE) } }),
    allowed: () => 409,
  },
  {
    file: CLAIM_ACTIONS,
    name: "assignAction",
    permission: "claims.assign",
    targets: claimTargets,
    call: (_w, t) => ({ bound: [t.params.claimId], fields: { assigneeId: "", version: String(STALE) } }),
    allowed: () => 409,
  },
  {
    file: "app/(workspace)/claims/[claimId]/evidence-actions.ts",
    name: "captureAction",
    permission: "evidence.add",
    targets: claimTargets,
    call: (_w, t) => ({ bound: [t.params.claimId], fields: { url: "http://127.0.0.1:9/matrix" } }),
    allowed: () => 422,
  },
  {
    file: "app/(workspace)/claims/[claimId]/corroboration-actions.ts",
    name: "assessAction",
    permission: "claims.assess",
    targets: claimTargets,
    call: (_w, t) => ({ bound: [t.params.claimId], fields: { evidenceId: t.claim?.item.id ?? RANDOM_ID, stance: "context", credibility: "3", note: unique("Matrix form ") } }),
    allowed: openOrPublished(200),
  },
  {
    file: "app/(workspace)/claims/[claimId]/person-actions.ts",
    name: "addPersonAction",
    permission: "persons.add",
    targets: claimTargets,
    call: (_w, t) => ({ bound: [t.params.claimId], fields: { role: "witness", names: personName() } }),
    allowed: openOrPublished(200),
  },
  {
    file: "app/(workspace)/claims/[claimId]/person-actions.ts",
    name: "setVisibilityAction",
    permission: "persons.publish",
    targets: linkTargets,
    call: (_w, t) => ({ bound: [t.params.claimId, t.params.linkId], fields: { isPublic: "true", basis: "already_public", version: String(STALE) } }),
    allowed: () => 409,
  },
  {
    file: "app/(workspace)/claims/[claimId]/person-actions.ts",
    name: "removePersonAction",
    permission: "persons.add",
    targets: linkTargets,
    call: (_w, t) => ({ bound: [t.params.claimId, t.params.linkId], fields: {} }),
    allowed: openOrPublished(200),
    fresh: freshLink,
  },
  {
    // None of the matrix's claims is in review: an editor is let through to the state guard.
    file: "app/(workspace)/claims/[claimId]/person-actions.ts",
    name: "dismissImportNoticeAction",
    permission: "claims.publish",
    targets: claimTargets,
    call: (_w, t) => ({ bound: [t.params.claimId], fields: {} }),
    allowed: () => 422,
  },
  {
    file: "app/(workspace)/claims/[claimId]/figure-actions.ts",
    name: "recordFigureAction",
    permission: "figures.record",
    targets: claimTargets,
    call: (w, t) => ({
      bound: [t.params.claimId],
      fields: { measure: "killed", valueMode: "single", value: "4", scopePlace: unique("Matrix form place "), asOf: "2025-03-12", sourceId: w.sources.main },
    }),
    allowed: openOrPublished(200),
  },
  // Comments (issue 20): any claim one can see, in any state; one's own to edit, one's own or (an editor) anyone's to delete.
  {
    file: COMMENT_ACTIONS,
    name: "writeCommentAction",
    permission: "comments.write",
    targets: claimTargets,
    call: (_w, t) => ({ bound: [t.params.claimId], fields: { body: unique("Matrix form comment ") } }),
    allowed: () => 200,
  },
  {
    file: COMMENT_ACTIONS,
    name: "editCommentAction",
    permission: "comments.write",
    targets: commentTargets,
    call: (_w, t) => ({ bound: [t.params.commentId], fields: { body: "Edited by the permission matrix.", version: String(STALE) } }),
    allowed: (t, actor) => (actor === t.owner ? 409 : 403),
  },
  {
    file: COMMENT_ACTIONS,
    name: "deleteCommentAction",
    permission: "comments.write",
    targets: commentTargets,
    call: (_w, t) => ({ bound: [t.params.commentId], fields: { reason: "Permission matrix.", version: String(STALE) } }),
    allowed: (t, actor) => (actor === t.owner || actor === "editor" ? 409 : 403),
  },
  {
    file: "app/(workspace)/persons/actions.ts",
    name: "matchPersonsAction",
    permission: "persons.add",
    order: "permission-first",
    targets: nameTargets,
    call: (_w, t) => ({ bound: [], args: [t.claim!.person.name] }),
    allowed: () => 200,
    check: (_w, t, actor, result) => {
      const ids = ((result as { candidates?: { person: { id: string } }[] }).candidates ?? []).map((c) => c.person.id);
      const seen = visible(actor, { ...t, owner: t.claim!.owner });
      const found = ids.includes(t.claim!.person.id);
      if (found && !seen) return ["offered a person the actor may not see"];
      if (!found && seen) return ["did not find a person the actor may see (the check above would prove nothing)"];
      return [];
    },
  },
  {
    file: "app/(workspace)/evidence/[evidenceId]/actions.ts",
    name: "markSensitivityAction",
    permission: "evidence.mark_sensitivity",
    targets: evidenceTargets,
    call: (_w, t) => ({ bound: [t.params.evidenceId], fields: { isGraphic: "on", version: String(STALE) } }),
    allowed: () => 409,
  },
  {
    file: "app/(workspace)/evidence/[evidenceId]/actions.ts",
    name: "setDisclosureAction",
    permission: "evidence.set_disclosure",
    targets: evidenceTargets,
    call: (_w, t) => ({ bound: [t.params.evidenceId], fields: { disclosure: "withheld", reason: "Permission matrix.", version: String(STALE) } }),
    allowed: () => 409,
  },
  // Retry and withdraw check scope, permission, then the version sent: a stale one is a 409, nothing written.
  {
    file: "app/(workspace)/evidence/[evidenceId]/actions.ts",
    name: "retryCaptureAction",
    permission: "evidence.add",
    targets: evidenceTargets,
    call: (_w, t) => ({ bound: [t.params.evidenceId], fields: { version: String(STALE) } }),
    allowed: () => 409,
  },
  {
    file: "app/(workspace)/evidence/[evidenceId]/actions.ts",
    name: "withdrawEvidenceAction",
    permission: "evidence.withdraw",
    targets: evidenceTargets,
    call: (_w, t) => ({ bound: [t.params.evidenceId], fields: { reason: "Withdrawn by the permission matrix.", confirm: "on", version: String(STALE) } }),
    allowed: () => 409,
  },
  // Video review (issue 21): notes on each claim's recording (the reviewer's note there), frames
  // from the world's images (let through scope and permission, refused as not a video: 422).
  {
    file: NOTE_ACTIONS,
    name: "addNoteAction",
    permission: "evidence.notes.write",
    targets: timedTargets,
    call: (_w, t) => ({ bound: [t.params.evidenceId], fields: { start: "0.1", body: unique("Matrix form note ") } }),
    allowed: openOrPublished(200),
  },
  {
    file: NOTE_ACTIONS,
    name: "editNoteAction",
    permission: "evidence.notes.write",
    targets: noteTargets,
    // Only the author gets past their authorship, to the stale version (409); nothing is written.
    call: (_w, t) => ({ bound: [t.params.noteId], fields: { start: "0.1", body: "Edited by the permission matrix.", version: String(STALE) } }),
    allowed: (_t, actor) => (actor === "reviewer" ? 409 : 403),
  },
  {
    file: NOTE_ACTIONS,
    name: "deleteNoteAction",
    permission: "evidence.notes.write",
    targets: noteTargets,
    call: (_w, t) => ({ bound: [t.params.noteId], fields: { version: String(STALE) } }),
    allowed: (_t, actor) => (actor === "reviewer" || ROLE_OF[actor] === "editor" ? 409 : 403),
  },
  {
    file: "app/(workspace)/evidence/[evidenceId]/frame-actions.ts",
    name: "grabFrameAction",
    permission: "evidence.grab_frame",
    targets: evidenceTargets,
    call: (_w, t) => ({ bound: [t.params.evidenceId], fields: { atMs: "0" } }),
    allowed: () => 422,
  },
  {
    file: "app/(workspace)/evidence/[evidenceId]/provenance-actions.ts",
    name: "setProvenanceAction",
    variant: "with a new source typed in",
    permission: "evidence.set_sources",
    targets: evidenceTargets,
    // A new source named on the spot: refused as a whole, it must not be created either.
    call: (_w, t) => ({ bound: [t.params.evidenceId], fields: { newSourceName: unique("Matrix planted source "), newSourceKind: "outlet", newSourceReliability: "F", isFirstHand: "on", version: String(STALE) } }),
    allowed: openOrPublished(409),
  },
  {
    file: "app/(workspace)/persons/actions.ts",
    name: "addNameAction",
    permission: "persons.add",
    targets: personTargets,
    call: (_w, t) => ({ bound: [t.params.personId], fields: { name: unique("Matrix form name ") } }),
    allowed: () => 200,
  },
  {
    file: "app/(workspace)/persons/actions.ts",
    name: "updatePersonAction",
    permission: "persons.update",
    targets: personTargets,
    call: (_w, t) => ({ bound: [t.params.personId], fields: { note: "Permission matrix.", version: String(STALE) } }),
    allowed: () => 409,
  },
  {
    file: "app/(workspace)/persons/actions.ts",
    name: "mergeAction",
    permission: "persons.merge",
    targets: personTargets,
    // This person into one that does not exist: let through, refused as a bad target (400).
    call: (_w, t) => ({ bound: [RANDOM_ID], fields: { duplicateId: t.params.personId } }),
    allowed: () => 400,
  },
  {
    file: "app/(workspace)/persons/actions.ts",
    name: "splitAction",
    permission: "persons.merge",
    targets: personTargets,
    call: (_w, t) => ({ bound: [RANDOM_ID], fields: { personId: t.params.personId } }),
    allowed: () => 422,
  },
  {
    file: "app/(workspace)/sources/actions.ts",
    name: "createSourceAction",
    permission: "sources.create",
    order: "permission-first",
    targets: workspaceTargets,
    call: () => ({ bound: [], fields: { name: unique("Matrix form source "), kind: "outlet", reliability: "F" } }),
    allowed: () => 200,
  },
  {
    file: "app/(workspace)/sources/actions.ts",
    name: "rateSourceAction",
    permission: "sources.update",
    order: "permission-first",
    targets: sourceTargets,
    call: (_w, t) => ({ bound: [t.params.sourceId], fields: { reliability: "B", reliabilityRationale: "Permission matrix.", version: String(STALE) } }),
    allowed: () => 409,
  },
  {
    file: "app/(workspace)/sources/actions.ts",
    name: "addCitationAction",
    permission: "sources.update",
    order: "permission-first",
    targets: sourceTargets,
    call: (w, t) => ({ bound: [t.params.sourceId], fields: { citesSourceId: w.sources.other } }),
    allowed: () => 200,
  },
  {
    file: INCIDENT_ACTIONS,
    name: "createIncidentAction",
    permission: "incidents.write",
    order: "permission-first",
    targets: workspaceTargets,
    call: () => ({ bound: [], fields: incidentForm() }),
    allowed: () => 200,
  },
  {
    file: INCIDENT_ACTIONS,
    name: "updateIncidentAction",
    permission: "incidents.write",
    order: "permission-first",
    targets: incidentTargets,
    call: (_w, t) => ({ bound: [t.params.incidentId], fields: { ...incidentForm(), version: String(STALE) } }),
    allowed: () => 409,
  },
  {
    file: INCIDENT_ACTIONS,
    name: "linkClaimAction",
    permission: "incidents.write",
    order: "permission-first",
    targets: incidentTargets,
    call: (w, t) => ({ bound: [t.params.incidentId], fields: { claimId: w.claims.published.id } }),
    allowed: () => 200,
    fresh: freshIncident,
  },
  {
    file: INCIDENT_ACTIONS,
    name: "linkToIncidentAction",
    permission: "incidents.write",
    order: "permission-first",
    targets: incidentTargets,
    // Bound to the claim; the incident is the form's field.
    call: (w, t) => ({ bound: [w.claims.published.id], fields: { incidentId: t.params.incidentId } }),
    allowed: () => 200,
    fresh: freshIncident,
  },
  {
    file: INCIDENT_ACTIONS,
    name: "unlinkClaimAction",
    permission: "incidents.write",
    order: "permission-first",
    targets: incidentTargets,
    call: (w, t) => ({ bound: [t.params.incidentId, w.claims.mine.id], fields: {} }),
    allowed: () => 200,
    fresh: freshIncident,
  },
  {
    file: INCIDENT_ACTIONS,
    name: "recordCasualtyAction",
    permission: "incidents.write",
    order: "permission-first",
    targets: incidentTargets,
    call: (w, t) => ({ bound: [t.params.incidentId], fields: { personId: w.claims.published.person.id, cause: "shot" } }),
    allowed: () => 200,
    fresh: freshIncident,
  },
  {
    file: INCIDENT_ACTIONS,
    name: "removeCasualtyAction",
    permission: "incidents.write",
    order: "permission-first",
    targets: casualtyTargets,
    call: (_w, t) => ({ bound: [t.params.incidentId, t.params.recordId], fields: {} }),
    allowed: () => 200,
    fresh: freshIncident,
  },
  {
    file: INCIDENT_ACTIONS,
    name: "addAttributionAction",
    permission: "incidents.write",
    order: "permission-first",
    targets: incidentTargets,
    call: (w, t) => ({ bound: [t.params.incidentId], fields: { perpetrator: "Matrix group", grade: "contested", rationale: "Matrix.", sourceId: w.sources.other } }),
    allowed: () => 200,
  },
  {
    file: INCIDENT_ACTIONS,
    name: "removeAttributionAction",
    permission: "incidents.write",
    order: "permission-first",
    targets: attributionTargets,
    call: (_w, t) => ({ bound: [t.params.incidentId, t.params.attributionId], fields: {} }),
    allowed: () => 200,
    fresh: freshIncident,
  },
  {
    file: INCIDENT_ACTIONS,
    name: "publishIncidentAction",
    permission: "incidents.publish",
    order: "permission-first",
    targets: incidentTargets,
    call: (_w, t) => ({ bound: [t.params.incidentId], fields: { version: String(STALE) } }),
    allowed: () => 409,
  },
];

export function actionTitle(op: ActionOp): string {
  return `server action ${op.name}${op.variant ? ` (${op.variant})` : ""} · ${op.file}`;
}

// ---------------------------------------------------------------------------------------------
// The build's manifest and the post itself

export type ManifestAction = { id: string; file: string; name: string; pages: string[] };

/** Every server action of the build: its id, source file, exported name and the pages that carry it. */
export function builtActions(): ManifestAction[] {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    file: entry.filename ?? "",
    name: entry.exportedName ?? "",
    pages: Object.keys(entry.workers),
  }));
}

/** `app/(workspace)/claims/[claimId]/page` → `/claims/<claimId>`, with the call's own ids where the page names them. */
export function pagePath(worker: string, params: Record<string, string>): string {
  const route = worker
    .replace(/^app/, "")
    .replace(/\/page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/^\[(\w+)\]$/, (_, name: string) => encodeURIComponent(params[name] ?? RANDOM_ID)));
  return `/${route.join("/")}`;
}

/** What an action answered, as the status the same refusal gets from the API. */
export type ActionOutcome = { status: number; detail: string; result: unknown };

/** The lib's messages for each refusal (lib/auth/permissions.ts, the scoped lookups, conflict, guards, validation). */
export function statusOfMessage(message: string): number {
  if (/^Sign in\b/.test(message)) return 401;
  if (/may not do this|^You may (edit|delete) only your own (comments|notes)/.test(message)) return 403;
  if (/^No such /.test(message)) return 404;
  if (/has changed since you loaded it/.test(message)) return 409;
  if (/^Some fields are missing or not valid/.test(message)) return 400;
  if (/^No unassigned claim is left/.test(message)) return 404;
  if (/while a claim is open|^Refused: |nothing to split|merge that one instead|^Only a claim in review|^A claim in \w+ is not assigned/.test(message)) return 422;
  if (/^Set up an authenticator app or a passkey first/.test(message)) return 422;
  if (/^Frames are saved from video items only/.test(message)) return 422;
  return 0;
}

export function readActionAnswer(status: number, headers: Record<string, string>, body: string): ActionOutcome {
  if (status >= 500) return { status, detail: body.slice(0, 200), result: null };
  if (headers["x-action-redirect"]) return { status: 200, detail: `redirect ${headers["x-action-redirect"]}`, result: null };
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) rows.set(m[1], m[2]);
  }
  const head = rows.get("0");
  const ref = head ? /"a":"\$@([0-9a-f]+)"/.exec(head)?.[1] : undefined;
  const raw = ref ? rows.get(ref) : undefined;
  if (!raw) return { status: 0, detail: `no action result in the answer (${status}): ${body.slice(0, 200)}`, result: null };
  const result = JSON.parse(raw) as { ok?: boolean; message?: string | null; error?: string; candidates?: unknown[] };
  if (typeof result.ok === "boolean") {
    if (result.ok) return { status: 200, detail: result.message ?? "ok", result };
    const message = result.message ?? "";
    return { status: statusOfMessage(message), detail: message, result };
  }
  if (Array.isArray(result.candidates)) {
    return result.error ? { status: statusOfMessage(result.error), detail: result.error, result } : { status: 200, detail: `${result.candidates.length} candidates`, result };
  }
  return { status: 0, detail: raw.slice(0, 200), result };
}

export async function postAction(w: World, actor: ActorKey, action: ManifestAction, call: ActionCall, params: Record<string, string>): Promise<ActionOutcome> {
  const response = await sendAction(w.sessions[actor], action, call, params, { Origin: w.base });
  return readActionAnswer(response.status(), response.headers(), await response.text());
}

/** The post itself, with `headers` besides the action's own (an Origin, or none). */
export async function sendAction(context: APIRequestContext, action: ManifestAction, call: ActionCall, params: Record<string, string>, headers: Record<string, string>): Promise<APIResponse> {
  const all: Record<string, string> = { "Next-Action": action.id, Accept: "text/x-component", ...headers };
  const page = pagePath(action.pages[0], params);
  if (call.fields) {
    const form = new FormData();
    for (const [key, value] of Object.entries(call.fields)) form.append(`_1_${key}`, value);
    form.append("0", JSON.stringify([...call.bound, { ok: false, message: null }, "$K1"]));
    return context.post(page, { headers: all, multipart: form, maxRedirects: 0 });
  }
  return context.post(page, { headers: { ...all, "Content-Type": "text/plain;charset=UTF-8" }, data: JSON.stringify([...call.bound, ...(call.args ?? [])]), maxRedirects: 0 });
}

export const actionKey = (file: string, name: string) => `${file}#${name}`;
export type { Permission };
