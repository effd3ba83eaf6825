import type { Role } from "@/lib/vocabulary";

/**
 * The one permission table: action → roles allowed. Every check in lib/ goes through `can` or
 * `assertCan`, so `grep assertCan` finds them all. Admins manage people and tokens; they read
 * claims and the audit log but do not take part in the editorial workflow.
 */
export const PERMISSIONS = {
  "claims.submit": ["submitter", "reviewer", "editor"],
  "claims.read_all": ["reviewer", "editor", "admin"],
  "claims.grade": ["reviewer", "editor"],
  // The submitter edits their claim while it is in triage; reviewers and editors until publication (lib/claims/edit-claim.ts).
  "claims.edit": ["submitter", "reviewer", "editor"],
  "evidence.add": ["submitter", "reviewer", "editor"],
  "evidence.set_sources": ["submitter", "reviewer", "editor"],
  // Reviewers and editors withdraw any item of an open claim; a submitter only their own, while the claim is in triage (lib/evidence/withdraw-evidence.ts).
  "evidence.withdraw": ["submitter", "reviewer", "editor"],
  "sources.read": ["submitter", "reviewer", "editor", "admin"],
  "sources.create": ["submitter", "reviewer", "editor"],
  "sources.update": ["reviewer", "editor"],
  "claims.assess": ["reviewer", "editor"],
  "evidence.read_content": ["submitter", "reviewer", "editor"],
  "evidence.mark_sensitivity": ["reviewer", "editor"],
  // Time-coded notes on a video or audio item (lib/evidence/notes): internal to the reviewing team,
  // never shown to submitters or the public. One edits and deletes one's own; an editor deletes any.
  "evidence.notes.read": ["reviewer", "editor"],
  "evidence.notes.write": ["reviewer", "editor"],
  "evidence.notes.moderate": ["editor"],
  // Saving a video's frame as a new image item of the same claim (lib/evidence/frame-grab.ts).
  "evidence.grab_frame": ["reviewer", "editor"],
  // How the public names an item — by its hash, its commitment, or not at all — over the rule
  // (lib/publishing/disclosure.ts): an editor's decision, with a reason (issue 23).
  "evidence.set_disclosure": ["editor"],
  // Giving out an item's commitment key in a disclosure packet, for a court or an investigator.
  "evidence.disclose": ["admin"],
  "claims.assign": ["reviewer", "editor"],
  "claims.accept": ["reviewer", "editor"],
  "claims.reject": ["reviewer", "editor"],
  "claims.duplicate": ["reviewer", "editor"],
  "claims.reopen": ["reviewer", "editor"],
  "claims.send_to_review": ["reviewer", "editor"],
  "claims.send_back": ["editor"],
  "claims.publish": ["editor"],
  "claims.correct": ["editor"],
  "claims.retract": ["editor"],
  // Persons and figures are added on claims the actor can see; a person is visible through the
  // claims that name it (lib/persons/scope.ts), and merging looks across the whole workspace.
  "persons.add": ["submitter", "reviewer", "editor"],
  "persons.reconcile": ["submitter", "reviewer", "editor"],
  "persons.update": ["reviewer", "editor"],
  "persons.merge": ["reviewer", "editor"],
  // Marking a name publishable (with a basis) or private again: an editor or a reviewer (issue 17).
  "persons.publish": ["reviewer", "editor"],
  "figures.record": ["submitter", "reviewer", "editor"],
  // Incidents gather claims from every submitter, so only those who see every claim read them;
  // reviewers and editors make and change them (victims, attributions, links); an editor other
  // than the last to change one publishes it (issue 24, the four-eyes rule).
  "incidents.read": ["reviewer", "editor", "admin"],
  "incidents.write": ["reviewer", "editor"],
  "incidents.publish": ["editor"],
  // Comments on claims one can see (lib/comments): one edits and deletes one's own; an editor deletes any, with a reason.
  "comments.write": ["submitter", "reviewer", "editor"],
  "comments.moderate": ["editor"],
  // Saved views of the queue: one's own, or shared with the team (reviewers and editors share; editors delete any shared view).
  "views.save": ["reviewer", "editor", "admin"],
  "views.share": ["reviewer", "editor"],
  "views.moderate": ["editor"],
  // The team's notification settings (reminder days, titles in mail).
  "settings.notifications": ["admin"],
  "audit.read": ["reviewer", "editor", "admin"],
  "audit.verify": ["reviewer", "editor", "admin"],
  "users.manage": ["admin"],
  // The time-stamps screen: whether the chain is stamped, the stamps of evidence too, and failures.
  "time_stamps.read": ["admin"],
  "tokens.manage": ["admin"],
  // Anyone signed in makes, lists and revokes their own API tokens (settings).
  "tokens.own": ["submitter", "reviewer", "editor", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Who acts. `readOnly`: signed in with a read-only API token, refused every write. */
export type Actor = { id: string; role: Role; name: string; readOnly?: true };

/** What a read-only API token may still do: read. */
export const READ_PERMISSIONS: readonly Permission[] = ["claims.read_all", "sources.read", "evidence.read_content", "audit.read", "audit.verify", "incidents.read"];

export function can(actor: Actor | null, permission: Permission): boolean {
  if (!actor || (actor.readOnly && !READ_PERMISSIONS.includes(permission))) return false;
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

/** The system itself (seed, admin command line): may do anything, recorded as no user. */
export const SYSTEM_ACTOR = { id: "system", role: "admin", name: "system" } as const;
