/**
 * `npm run test:security`: the security families of issue 8, each a set of Vitest files and
 * Playwright specs (e2e/security/families.json), run once each through Vitest's and Playwright's
 * JSON reporters, and counted per family. The output ends with one line per family:
 *
 *   <family>: N tried, N passed
 *
 * and the exit code is non-zero when any test failed or a family ran nothing (a family whose
 * files are not written yet cannot pass silently). Files that need PostgreSQL run only when
 * TEST_DATABASE_URL is set (as `.ci/run` does); without it they are named as not run, and do not
 * fail the run, so `npm test` passes on a machine with only Node.
 *
 *   tsx e2e/security/run.ts [--all] [--no-build] [--typechecked] [--list] [family ...]
 *
 * `--all` (what `npm test` uses) runs every other Vitest file and Playwright spec in the same two
 * runs, so the machine's two cores are both busy (playwright.config.ts's projects say which specs
 * run one at a time). Their results are counted on a line of their own before the families'. `--no-build` uses the current `.next` build; otherwise the runner builds
 * first when it has specs to run. `--typechecked` (what `npm test` adds after its own `tsc --noEmit`)
 * spares the build its second type check. `--list` shows the plan only.
 *
 * The run has a folder of its own (lib/test/test-run.ts): every temp file goes in it, and it is
 * removed at the end. Before that, the runner looks for what the tests left: a process still
 * running that the run started (or one working in the repository, started during the run), a
 * scratch database still on the PostgreSQL cluster. Each is named, stopped or dropped, and fails
 * the run.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { listRunScratchDatabases, dropRunScratchDatabases } from "../../lib/test/scratch-database";
import { ensureTestRun, findLeftovers, stopLeftovers } from "../../lib/test/test-run";
import { FAMILIES, type Family, SECURITY_RUN_ENV } from "./families";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
process.chdir(root);

const args = process.argv.slice(2);
const noBuild = args.includes("--no-build");
const all = args.includes("--all");
const typechecked = args.includes("--typechecked");
const only = args.filter((a) => !a.startsWith("--"));
const postgres = Boolean(process.env.TEST_DATABASE_URL);
const NEEDS_POSTGRES = "needs PostgreSQL: TEST_DATABASE_URL";

// --- files ------------------------------------------------------------------------------------

/** A glob of the family table (`**` any folders, `*` within a name) as a regular expression. */
function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      re += glob[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += glob[i + 2] === "/" ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else re += c.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name.startsWith(".") ? [] : listFiles(full);
    return [full];
  });
}

const allFiles = ["lib", "db", "e2e"].flatMap(listFiles);
const matching = (globs: string[] = []) => allFiles.filter((f) => globs.some((g) => globToRegExp(g).test(f)));

// A file belongs to the first family that names it.
const claimed = new Set<string>();
const firstClaim = (files: string[]) => files.filter((f) => !claimed.has(f) && claimed.add(f));

type Plan = { family: Family; unit: string[]; e2e: string[]; withoutPostgres: string[] };
const plans: Plan[] = FAMILIES.map((family) => {
  const needsPostgres = new Set(matching(family.postgres));
  const runnable = (files: string[]) => files.filter((f) => postgres || !needsPostgres.has(f));
  const unit = firstClaim(matching(family.unit));
  const e2e = firstClaim(matching(family.e2e));
  return { family, unit: runnable(unit), e2e: runnable(e2e), withoutPostgres: [...unit, ...e2e].filter((f) => !runnable([f]).length) };
}).filter((p) => !only.length || only.includes(p.family.name));

// Security tests that no family names would run nowhere (the plain runs leave out only the families' files).
const unassigned = allFiles.filter((f) => (/\.security\.test\.ts$/.test(f) || /^e2e\/security\/[^/]+\.spec\.ts$/.test(f)) && !claimed.has(f));

if (args.includes("--list")) {
  for (const p of plans) console.log(`${p.family.name}: ${[...p.unit, ...p.e2e].join(" ") || "-"}${p.withoutPostgres.length ? ` (${NEEDS_POSTGRES}: ${p.withoutPostgres.join(" ")})` : ""}`);
  for (const f of unassigned) console.log(`in no family: ${f}`);
  process.exit(unassigned.length ? 1 : 0);
}

// --- runs -------------------------------------------------------------------------------------

type Outcome = { tried: number; passed: number; skipped: number; problems: string[] };
const outcomes = new Map<string, Outcome>(); // per file
/**
 * One test's result. A skipped test is not tried; the only skips in this code base are of tests
 * that need PostgreSQL, so with TEST_DATABASE_URL set a skip is a failure.
 */
const record = (file: string, passed: boolean | "skipped", problem?: string) => {
  const o = outcomes.get(file) ?? { tried: 0, passed: 0, skipped: 0, problems: [] };
  if (passed === "skipped" && !postgres) o.skipped += 1;
  else {
    o.tried += 1;
    if (passed === true) o.passed += 1;
    if (problem) o.problems.push(problem);
  }
  outcomes.set(file, o);
};
const SKIPPED = new Set(["skipped", "pending", "todo"]);
/** Counts a spec records as annotations: per file and kind, summed over its passing tests. */
const COUNTED = ["attempts", "cells"];
const inside = new Map<string, number>();
const startedAt = Date.now();
const testRun = ensureTestRun();
const env = { ...process.env, [SECURITY_RUN_ENV]: all ? "all" : "1" };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-security-"));
const timings: string[] = [];
/** Set when a run ends badly without a failed test to show for it (an unhandled error, a crashed worker). */
const runProblems: string[] = [];

/** The machine's busy and total CPU time so far (Linux: /proc/stat's first line, in ticks), to tell how full each phase kept the cores. */
function cpuTicks(): { busy: number; total: number } | null {
  try {
    const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + (fields[4] ?? 0); // idle + iowait
    const total = fields.slice(0, 8).reduce((sum, n) => sum + n, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

function run(what: string, command: string[], extraEnv: Record<string, string> = {}) {
  const started = Date.now();
  const cpuBefore = cpuTicks();
  console.log(`\n[security] ${what}: ${command.slice(1).join(" ")}`);
  const result = spawnSync(command[0], command.slice(1), { stdio: "inherit", env: { ...env, ...extraEnv } });
  const cpuAfter = cpuTicks();
  const busy = cpuBefore && cpuAfter ? ` (cores ${Math.round((100 * (cpuAfter.busy - cpuBefore.busy)) / Math.max(1, cpuAfter.total - cpuBefore.total))}% busy)` : "";
  timings.push(`${what} ${((Date.now() - started) / 1000).toFixed(0)} s${busy}`);
  return result.status;
}
const relative = (file: string) => path.relative(root, file).split(path.sep).join("/");
const failures = () => [...outcomes.values()].reduce((n, o) => n + o.tried - o.passed, 0);

/** Each file's time (Vitest: the file's wall time; Playwright: its tests' summed durations), for the slowest-files lines. */
const fileSeconds = { vitest: new Map<string, number>(), playwright: new Map<string, number>() };

const unitFiles = [...new Set(plans.flatMap((p) => p.unit))];
if (unitFiles.length || all) {
  const out = path.join(tmp, "vitest.json");
  const problemsOut = path.join(tmp, "vitest-problems.json");
  // With --all, no file list: Vitest takes its whole include, the security files with it (the env above).
  const status = run(
    "vitest",
    [process.execPath, "node_modules/vitest/vitest.mjs", "run", ...(all ? [] : unitFiles), "--reporter=default", "--reporter=json", "--reporter=./e2e/security/vitest-problems-reporter.ts", `--outputFile.json=${out}`],
    { CORROBORATE_VITEST_PROBLEMS: problemsOut },
  );
  type VitestReport = { testResults: { name: string; status: string; message?: string; startTime?: number; endTime?: number; assertionResults: { fullName: string; status: string }[] }[] };
  const report: VitestReport | null = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, "utf8")) : null;
  for (const file of report?.testResults ?? []) {
    const rel = relative(file.name);
    if (file.startTime && file.endTime) fileSeconds.vitest.set(rel, (file.endTime - file.startTime) / 1000);
    for (const t of file.assertionResults) record(rel, SKIPPED.has(t.status) ? "skipped" : t.status === "passed", t.status === "passed" ? undefined : `${t.status}: ${t.fullName}`);
    if (!file.assertionResults.length) record(rel, false, `no test ran: ${(file.message ?? file.status).split("\n")[0]}`);
  }
  // Errors outside any test (unhandled, in a hook, on import): named here, not only in the output above.
  const problems: string[] = fs.existsSync(problemsOut) ? JSON.parse(fs.readFileSync(problemsOut, "utf8")) : [];
  runProblems.push(...problems.map((problem) => `vitest: ${problem}`));
  if (status !== 0 && !failures() && !problems.length) runProblems.push(`vitest ended with status ${status} though no test failed (see its output above)`);
}

const e2eFiles = [...new Set(plans.flatMap((p) => p.e2e))];
if (e2eFiles.length || all) {
  // `npm test` type-checks the whole tree first (`--typechecked`): the build need not do it again
  // (~30 s of CPU in CI; next.config.ts reads the variable).
  const built = noBuild || run("next build", [process.execPath, "node_modules/next/dist/bin/next", "build"], typechecked ? { CORROBORATE_BUILD_TYPECHECKED: "1" } : {}) === 0;
  if (!built) for (const file of e2eFiles) record(file, false, "the build failed");
  else {
    type Annotation = { type: string; description?: string };
    type Spec = { title: string; file: string; tests: { status: string; annotations?: Annotation[]; results?: { duration?: number; annotations?: Annotation[] }[] }[] };
    type Suite = { specs?: Spec[]; suites?: Suite[] };
    type PlaywrightReport = { config: { rootDir: string }; suites: Suite[]; errors: { message?: string }[] };
    // The projects (playwright.config.ts) say which specs run one at a time.
    // With --all and every family, no file list: the projects' own matches are the whole run.
    // Chosen files run without the projects' order (--no-deps): a timed spec runs at once.
    const out = path.join(tmp, "playwright.json");
    const files = all && !only.length ? [] : e2eFiles;
    const failuresBefore = failures();
    const status = run("playwright", [process.execPath, "node_modules/@playwright/test/cli.js", "test", ...files, ...(files.length ? ["--no-deps"] : []), "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
    const report: PlaywrightReport | null = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, "utf8")) : null;
    const walk = (suite: Suite) => {
      for (const spec of suite.specs ?? []) {
        const rel = relative(path.join(report!.config.rootDir, spec.file));
        for (const t of spec.tests) {
          const seconds = (t.results ?? []).reduce((sum, r) => sum + (r.duration ?? 0), 0) / 1000;
          fileSeconds.playwright.set(rel, (fileSeconds.playwright.get(rel) ?? 0) + seconds);
          record(rel, t.status === "skipped" ? "skipped" : t.status === "expected", t.status === "expected" ? undefined : `${t.status}: ${spec.title}`);
          // What a passing test says it tried inside itself (the corpus's attempts, the matrix's cells).
          const annotations = [...(t.annotations ?? []), ...(t.results?.at(-1)?.annotations ?? [])];
          const seen = new Set<string>();
          for (const a of annotations) {
            const n = Number(a.description);
            if (t.status !== "expected" || !COUNTED.includes(a.type) || !Number.isFinite(n) || seen.has(`${a.type}:${n}`)) continue;
            seen.add(`${a.type}:${n}`);
            const key = `${rel}\u0000${a.type}`;
            inside.set(key, (inside.get(key) ?? 0) + n);
          }
        }
      }
      for (const child of suite.suites ?? []) walk(child);
    };
    for (const suite of report?.suites ?? []) walk(suite);
    const globalError = report?.errors?.[0]?.message?.split("\n")[0] ?? (report ? null : "no report");
    for (const file of e2eFiles) if (!outcomes.has(file)) record(file, false, `no test ran${globalError ? `: ${globalError}` : ""}`);
    if (globalError) runProblems.push(`playwright: ${globalError}`);
    else if (status !== 0 && failures() === failuresBefore) runProblems.push(`playwright ended with status ${status} though no test of it failed (see its output above)`);
  }
}
fs.rmSync(tmp, { recursive: true, force: true });

// --- what the tests left --------------------------------------------------------------------

const leftovers = await stopLeftovers(() => findLeftovers({ runDir: testRun.dir, root, since: startedAt }));
for (const p of leftovers) runProblems.push(`left running after the tests${p.certain ? " (now killed)" : ""}: pid ${p.pid}, ${p.why}: ${p.command}`);
if (postgres) {
  const left = await listRunScratchDatabases(process.env.TEST_DATABASE_URL!).catch((error: Error) => [`(could not list: ${error.message})`]);
  if (left.length) {
    runProblems.push(`scratch databases left on the cluster (now dropped): ${left.join(", ")}`);
    await dropRunScratchDatabases(process.env.TEST_DATABASE_URL!).catch(() => {});
  }
}
if (testRun.owned) fs.rmSync(testRun.dir, { recursive: true, force: true });

// --- summary ----------------------------------------------------------------------------------

let failed = runProblems.length > 0;
const lines: string[] = [];
const details: string[] = runProblems.map((p) => `  ${p}`);
if (all) {
  // Every file the families do not claim: the rest of `npm test`.
  const others = [...outcomes.keys()].filter((f) => !claimed.has(f));
  const tried = others.reduce((n, f) => n + outcomes.get(f)!.tried, 0);
  const passed = others.reduce((n, f) => n + outcomes.get(f)!.passed, 0);
  for (const f of others) for (const p of outcomes.get(f)!.problems) details.push(`  ${f}: ${p}`);
  const skipped = others.reduce((n, f) => n + outcomes.get(f)!.skipped, 0);
  if (tried === 0 || passed !== tried) failed = true;
  console.log(`\n[tests] the other unit, integration and end-to-end tests: ${tried} tried, ${passed} passed${skipped ? ` (${skipped} skipped: ${NEEDS_POSTGRES})` : ""}`);
}
for (const { family, unit, e2e, withoutPostgres } of plans) {
  const files = [...unit, ...e2e];
  const tried = files.reduce((n, f) => n + (outcomes.get(f)?.tried ?? 0), 0);
  const passed = files.reduce((n, f) => n + (outcomes.get(f)?.passed ?? 0), 0);
  for (const f of files) for (const p of outcomes.get(f)?.problems ?? []) details.push(`  ${family.name}: ${f}: ${p}`);
  const skipped = files.reduce((n, f) => n + (outcomes.get(f)?.skipped ?? 0), 0);
  const notRun = [
    withoutPostgres.length ? `not run, ${NEEDS_POSTGRES}: ${withoutPostgres.join(", ")}` : "",
    skipped ? `${skipped} skipped, ${NEEDS_POSTGRES}` : "",
  ]
    .filter(Boolean)
    .map((note) => ` (${note})`)
    .join("");
  if (!files.length && withoutPostgres.length) {
    lines.push(`${family.name}: 0 tried (${NEEDS_POSTGRES})`);
    continue;
  }
  if (!files.length) details.push(`  ${family.name}: no test files match ${[...family.unit, ...family.e2e].join(", ")}`);
  if (tried === 0 || passed !== tried) failed = true;
  lines.push(`${family.name}: ${tried} tried, ${passed} passed${notRun}`);
}
if (unassigned.length) {
  failed = true;
  details.push(...unassigned.map((f) => `  ${f}: in no family; add it to e2e/security/families.json`));
}
console.log(`\n[security] ${timings.join(", ")}`);
// Where the time goes, for whoever makes the run shorter: the slowest files of each runner.
for (const [runner, seconds] of Object.entries(fileSeconds)) {
  const slowest = [...seconds].sort((a, b) => b[1] - a[1]).slice(0, 12);
  if (slowest.length) console.log(`[slowest ${runner} files] ${slowest.map(([file, s]) => `${file} ${s.toFixed(0)} s`).join(", ")}`);
}
const insideLines = plans.flatMap(({ family, e2e }) =>
  COUNTED.flatMap((kind) => {
    const n = e2e.reduce((sum, f) => sum + (inside.get(`${f}\u0000${kind}`) ?? 0), 0);
    return n ? [`${family.name} ${n.toLocaleString("en")} ${kind === "cells" ? "matrix cells" : "attempts"}`] : [];
  }),
);
if (insideLines.length) console.log(`[security] inside the passing tests: ${insideLines.join("; ")}`);
if (details.length) console.log(`[security] not passed:\n${details.join("\n")}`);
console.log("");
for (const line of lines) console.log(line);
process.exit(failed ? 1 : 0);
