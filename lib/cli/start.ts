import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { nextStartArgs } from "@/lib/server/next-start";

/**
 * `npm start`: build when there is no current build, then serve. The server migrates and seeds
 * the database as it boots (instrumentation.ts) and prints the demo sign-ins.
 */
const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const SOURCES = ["app", "components", "lib", "db", "public"];
const FILES = ["next.config.ts", "package.json", "instrumentation.ts", "postcss.config.mjs", "tsconfig.json"];

function* walk(dir: string): Generator<string> {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (!entry.name.endsWith(".test.ts")) yield full;
  }
}

/** A hash of everything the build reads, so a changed file triggers a rebuild. */
function sourceFingerprint(): string {
  const hash = createHash("sha256");
  for (const file of [...SOURCES.flatMap((d) => [...walk(path.join(root, d))]), ...FILES.map((f) => path.join(root, f))]) {
    if (!fs.existsSync(file)) continue;
    hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

const fingerprintFile = path.join(root, ".next", "corroborate-source.sha256");
const fingerprint = sourceFingerprint();
const isCurrent =
  fs.existsSync(path.join(root, ".next", "BUILD_ID")) &&
  fs.existsSync(fingerprintFile) &&
  fs.readFileSync(fingerprintFile, "utf8") === fingerprint;

if (!isCurrent) {
  console.log("Building the app (first start or sources changed)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) {
    console.error("The build failed; see above.");
    process.exit(build.status ?? 1);
  }
  fs.writeFileSync(fingerprintFile, fingerprint);
}

const port = process.env.PORT || "3000";
const server = spawn(process.execPath, nextStartArgs(root, port), {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST ?? "true" },
});
console.log(`Corroborate: http://localhost:${port}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
