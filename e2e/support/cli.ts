import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

/**
 * The command line's entry files (`lib/cli/<script>.ts`) as node runs them, without tsx. `npm run
 * admin` starts tsx, which loads esbuild and transforms every file of the app it imports (or reads
 * each from its cache) at every start: about 2 s a command, and the command-line spec runs some
 * forty. Here tsx's own esbuild bundles each entry once a worker, with the same condition
 * (react-server) and the packages left to node, which resolves them as it does under tsx
 * (`node --conditions=react-server`, `cliCommand`). The bundle is in the run's temp folder (it goes
 * with the run), beside a link to the repository's node_modules, and the command runs in the
 * repository, as `npm run admin` does.
 */
const root = process.cwd();
const built = new Map<string, string>();
let folder: string | null = null;

function bundle(script: string): string {
  const done = built.get(script);
  if (done && fs.existsSync(done)) return done;
  if (!folder || !fs.existsSync(folder)) {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-cli-bundle-"));
    fs.symlinkSync(path.join(root, "node_modules"), path.join(folder, "node_modules"), "dir");
  }
  const esbuild = createRequire(path.join(root, "node_modules", "tsx", "package.json"))("esbuild") as typeof import("esbuild");
  const outfile = path.join(folder, `${script}.mjs`);
  esbuild.buildSync({
    entryPoints: [path.join(root, "lib", "cli", `${script}.ts`)],
    absWorkingDir: root,
    tsconfig: path.join(root, "tsconfig.json"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: `node${process.versions.node.split(".")[0]}`,
    packages: "external",
    conditions: ["react-server"],
    outfile,
    logLevel: "error",
  });
  built.set(script, outfile);
  return outfile;
}

/** node's arguments for `lib/cli/<script>.ts` with `args`: what `npm run <script>` runs, its entry built once (above). */
export function cliCommand(script: string, args: string[]): string[] {
  return ["--conditions=react-server", bundle(script), ...args];
}
