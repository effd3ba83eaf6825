/**
 * `.ci/run`'s last check, after the test run and the PostgreSQL cluster have stopped: any test
 * process (next-server, tsx, node, postgres, the browser, ffmpeg) still running that works in the
 * repository or in one of the given folders, started since `--since` (ms since the epoch). Each is
 * named (and with `--kill`, killed, so the machine's next run starts clean); the exit code is 1 if
 * there was one.
 *
 *   tsx e2e/support/leftovers.ts --since <ms> [--in <folder>]... [--kill]
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findLeftovers, stopLeftovers } from "../../lib/test/test-run";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const since = Number(args[args.indexOf("--since") + 1]);
if (!args.includes("--since") || !Number.isFinite(since)) throw new Error("usage: leftovers.ts --since <ms> [--in <folder>]...");
const folders = args.flatMap((a, i) => (a === "--in" && args[i + 1] ? [path.resolve(args[i + 1])] : []));

const kill = args.includes("--kill");
const left = await stopLeftovers(() => findLeftovers({ root, folders, since }), { killAll: kill });
for (const p of left) console.error(`left running after the tests${kill ? " (now killed)" : ""}: pid ${p.pid}, ${p.why}: ${p.command}`);
if (!left.length) console.log("No process of the tests is left running.");
process.exit(left.length ? 1 : 0);
