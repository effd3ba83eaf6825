import { spawn } from "node:child_process";

/**
 * Asks a server's /api/v1/health one request after another, from a process of its own, until
 * stopped; each answer timed. Its own process, so the time measured is the server's: a test
 * worker that reads /proc or makes a large body meanwhile would add its own pauses to the figure.
 */
const PROBE = `
let running = true;
process.stdin.on("end", () => (running = false)).resume();
const [base, gapMs] = process.argv.slice(1);
const times = [];
const failures = [];
while (running) {
  const started = performance.now();
  try {
    const answer = await fetch(base + "/api/v1/health", { signal: AbortSignal.timeout(10_000) });
    const body = await answer.text();
    if (answer.status !== 200 || body !== '{"ok":true}') failures.push(answer.status + " " + body.slice(0, 200));
  } catch (error) {
    failures.push(String(error));
  }
  times.push(performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, Number(gapMs)));
}
process.stdout.write(JSON.stringify({ times, failures }));
`;

export type HealthProbe = { stop(): Promise<{ answers: number; slowestMs: number; times: number[]; failures: string[] }> };

export function startHealthProbe(base: string, { gapMs = 200 } = {}): HealthProbe {
  const child = spawn(process.execPath, ["--input-type=module", "-e", PROBE, base, String(gapMs)], { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return {
    async stop() {
      child.stdin!.end();
      await exited;
      const { times, failures } = JSON.parse(out) as { times: number[]; failures: string[] };
      return { answers: times.length, slowestMs: Math.max(0, ...times), times, failures };
    },
  };
}
