import fs from "node:fs";
import path from "node:path";
import { ACTION_OPS, actionKey, actionTitle, builtActions, EXEMPT_ACTIONS, postAction } from "./support/actions";
import { expectedStatus, relation } from "./support/matrix";
import { ACTORS, afterRefused, expect, settleRefused, snapshot, test } from "./support/world";

/**
 * The permission matrix of the server actions: every action the build holds (and every export of
 * a "use server" file in app/ and components/; one the matrix does not cover fails the first test)
 * × every actor by session cookie (signed out, a forged cookie, both submitters, reviewer, editor,
 * admin) × own, another's, published, unpublished, nonexistent and malformed targets. An action
 * answers its form rather than with a status: its message is read back as the status the API gives
 * the same refusal (support/actions.ts), so both doors are held to one expectation. A refused post
 * changes nothing: the blob store, uploads and a read of the target are compared after each, and
 * the audit chain's head once for a run of refused posts (support/world.ts, `afterRefused`).
 */

test.describe.configure({ timeout: 300_000 });

function useServerExports(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(e.name)) {
        const source = fs.readFileSync(full, "utf8");
        if (!/^\s*["']use server["']/m.test(source)) continue;
        for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g)) found.push(actionKey(full, m[1]));
        for (const m of source.matchAll(/export\s+const\s+(\w+)/g)) found.push(actionKey(full, m[1]));
      }
    }
  };
  walk("app");
  walk("components");
  return found.sort();
}

test("every server action is in the matrix (the build's manifest and the source)", () => {
  const inMatrix = new Set(ACTION_OPS.map((op) => actionKey(op.file, op.name)));
  const accounted = (key: string) => inMatrix.has(key) || key in EXEMPT_ACTIONS;
  const built = builtActions();
  expect(built.length, "actions in the build").toBeGreaterThan(15);
  expect(built.map((a) => actionKey(a.file, a.name)).filter((k) => !accounted(k)), "built actions the matrix does not cover").toEqual([]);
  const declared = useServerExports();
  expect(declared.length, "exports of \"use server\" files").toBe(built.length);
  expect(declared.filter((k) => !accounted(k)), "server actions in the source the matrix does not cover").toEqual([]);
  const builtKeys = new Set(built.map((a) => actionKey(a.file, a.name)));
  expect([...inMatrix].filter((k) => !builtKeys.has(k)), "matrix entries with no action in the build").toEqual([]);
});

for (const op of ACTION_OPS) {
  test(actionTitle(op), async ({ world }) => {
    const action = builtActions().find((a) => a.file === op.file && a.name === op.name);
    expect(action, `${op.name} in the build`).toBeTruthy();
    const wrong: string[] = [];
    let cells = 0;
    for (const target of op.targets(world)) {
      for (const actor of ACTORS) {
        cells += 1;
        const expected = expectedStatus({ access: "signed-in", path: "", ...op }, actor, target);
        const refused = expected >= 400;
        // What may write (a fresh target, a post let through) waits for the refused cells before it to be settled.
        if (!refused) wrong.push(...(await settleRefused(world)));
        const t = expected < 300 && op.fresh && !target.missingAfterScope ? await op.fresh(world, target, actor) : target;
        const cell = `${actor} × ${relation(actor, t)}`;
        const before = refused ? await snapshot(world, t.reads, { reuse: true }) : [];
        const call = op.call(world, t, actor);
        const sentAt = Date.now();
        const outcome = await postAction(world, actor, action!, call, t.params);
        if (outcome.status !== expected) wrong.push(`${cell}: expected ${expected}, got ${outcome.status || "?"} (${outcome.detail})`);
        if (refused) {
          const what = `${cell}: refused (${outcome.detail})`;
          for (const change of await afterRefused(world, t.reads, before, what, sentAt)) wrong.push(`${what} but ${change}`);
        } else if (outcome.status === expected) {
          for (const problem of op.check?.(world, t, actor, outcome.result) ?? []) wrong.push(`${cell}: ${problem}`);
        }
      }
    }
    wrong.push(...(await settleRefused(world)));
    test.info().annotations.push({ type: "cells", description: String(cells) });
    expect(wrong, `${wrong.length} of ${cells} cells wrong:\n${wrong.join("\n")}`).toEqual([]);
  });
}

