import fs from "node:fs";
import path from "node:path";
import type { Permission } from "@/lib/auth/permissions";
import { can, claimTargets, evidenceTargets, incidentTargets, personTargets, relation, sourceTargets, type Target, userTargets, visible, workspaceTargets } from "./support/matrix";
import { ACTORS, type ActorKey, expect, ROLE_OF, test, type World } from "./support/world";

/**
 * The workspace's pages are doors too: every `app/(workspace)/**\/page.tsx` (found on the file
 * system; a page without a row here fails the first test) × every actor by session cookie × own,
 * another's, published, unpublished, nonexistent and malformed ids. Signed out (or with a forged
 * cookie): a redirect to sign in. Out of scope: the 404 page, which names nothing of the target.
 * The matrix's rules are ARCHITECTURE's, as the API's; the two rows below are the pages' own.
 */

test.describe.configure({ timeout: 300_000 });

/** A page that needs more than seeing its target, and what: without it, the page is a 404 too. */
const PAGE_PERMISSION: Record<string, Permission> = {
  "app/(workspace)/claims/[claimId]/preview/page.tsx": "claims.publish",
  // A person's page is an admin's: for anyone else no person is there to see.
  "app/(workspace)/admin/users/[userId]/page.tsx": "users.manage",
  "app/(workspace)/admin/security/page.tsx": "users.manage",
  "app/(workspace)/admin/notifications/page.tsx": "settings.notifications",
  "app/(workspace)/admin/time-stamps/page.tsx": "time_stamps.read",
  // Incidents gather every submitter's claims: for those who do not read them all, nothing is there.
  "app/(workspace)/incidents/page.tsx": "incidents.read",
  "app/(workspace)/incidents/[incidentId]/page.tsx": "incidents.read",
};

/** A page that sends those without a permission elsewhere: the queue is for those who read every claim. */
const PAGE_ELSEWHERE: Record<string, { permission: Permission; to: string }> = {
  "app/(workspace)/claims/page.tsx": { permission: "claims.read_all", to: "/my-submissions" },
};

const TARGETS_OF: Record<string, (w: World) => Target[]> = {
  claimId: claimTargets,
  evidenceId: evidenceTargets,
  personId: personTargets,
  sourceId: sourceTargets,
  userId: userTargets,
  incidentId: incidentTargets,
};

function workspacePages(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name === "page.tsx") out.push(full);
    }
  };
  walk("app/(workspace)");
  return out.sort();
}

function urlOf(file: string, params: Record<string, string>): string {
  const route = path
    .dirname(file)
    .split(path.sep)
    .slice(1)
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/^\[(\w+)\]$/, (_, name: string) => encodeURIComponent(params[name])));
  return `/${route.join("/")}`;
}

/** The expected status, and where a redirect must lead. */
function expected(file: string, actor: ActorKey, t: Target): { status: number; to?: string } {
  if (!ROLE_OF[actor]) return { status: 307, to: "/login" };
  if (!visible(actor, t) || t.missingAfterScope) return { status: 404 };
  const permission = PAGE_PERMISSION[file];
  if (permission && !can(ROLE_OF[actor], permission)) return { status: 404 };
  const elsewhere = PAGE_ELSEWHERE[file];
  if (elsewhere && !can(ROLE_OF[actor], elsewhere.permission)) return { status: 307, to: elsewhere.to };
  return { status: 200 };
}

/** What the 404 page must not say: the target's title, its person's name. */
function secretsOf(t: Target): string[] {
  return t.claim ? [t.claim.title, t.claim.person.name, t.claim.item.sha256] : [];
}

test("every workspace page is in the matrix", () => {
  const pages = workspacePages();
  expect(pages.length).toBeGreaterThan(10);
  const unknown = pages.flatMap((file) => [...file.matchAll(/\[(\w+)\]/g)].map((m) => m[1]).filter((p) => !(p in TARGETS_OF)).map((p) => `${file}: [${p}]`));
  expect(unknown, "page parameters with no targets").toEqual([]);
  for (const file of [...Object.keys(PAGE_PERMISSION), ...Object.keys(PAGE_ELSEWHERE)]) expect(pages, "a page named above exists").toContain(file);
});

for (const file of workspacePages()) {
  test(`page ${urlOf(file, { claimId: "{claimId}", evidenceId: "{evidenceId}", personId: "{personId}", sourceId: "{sourceId}", userId: "{userId}", incidentId: "{incidentId}" })}`, async ({ world }) => {
    const param = [...file.matchAll(/\[(\w+)\]/g)].map((m) => m[1])[0];
    const targets = param ? TARGETS_OF[param](world) : workspaceTargets();
    const wrong: string[] = [];
    let cells = 0;
    for (const t of targets) {
      for (const actor of ACTORS) {
        cells += 1;
        const url = urlOf(file, t.params);
        const want = expected(file, actor, t);
        const response = await world.sessions[actor].get(url, { maxRedirects: 0 });
        const status = response.status();
        const body = await response.text();
        const cell = `${actor} × ${relation(actor, t)}`;
        if (status !== want.status) wrong.push(`${cell}: expected ${want.status}, got ${status}`);
        if (want.to && !(response.headers()["location"] ?? "").startsWith(want.to)) wrong.push(`${cell}: sent to ${response.headers()["location"]}, not ${want.to}`);
        if (want.status !== 200) for (const secret of secretsOf(t)) if (secret && body.includes(secret)) wrong.push(`${cell}: the ${status} page shows "${secret.slice(0, 40)}"`);
      }
    }
    test.info().annotations.push({ type: "cells", description: String(cells) });
    expect(wrong, `${wrong.length} of ${cells} cells wrong:\n${wrong.join("\n")}`).toEqual([]);
  });
}
