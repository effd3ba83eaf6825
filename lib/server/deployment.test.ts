import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { KEEP_ALIVE_TIMEOUT_MS, nextStartArgs } from "./next-start";

/**
 * The container files (Dockerfile, compose.yaml) cannot be run where the tests run (no Docker
 * engine), so they are held to what the tests do run: the server's command is `nextStartArgs`
 * (every launcher's, and e2e/security/faults-postgres-servers.spec.ts's), the worker's is
 * `npm run worker`'s, and the topology is the one that spec starts on loopback.
 */
const root = process.cwd();
const dockerfile = fs.readFileSync(path.join(root, "Dockerfile"), "utf8");
type Service = { command?: string[]; environment?: Record<string, string>; image?: string; build?: string; configs?: { source: string }[] };
const compose = parse(fs.readFileSync(path.join(root, "compose.yaml"), "utf8"), { merge: true }) as {
  services: Record<string, Service>;
  configs: Record<string, { content: string }>;
};
const packageScripts = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

/** The JSON array of a Dockerfile instruction (CMD, HEALTHCHECK … CMD). */
function instruction(name: string): string[] {
  const line = dockerfile.split("\n").find((l) => l.startsWith(`${name} [`));
  if (!line) throw new Error(`no ${name} in the Dockerfile`);
  return JSON.parse(line.slice(name.length + 1)) as string[];
}

describe("the container files", () => {
  it("the image runs the server as every launcher does: next start with both preloads and the keep-alive timeout", () => {
    expect(instruction("CMD")).toEqual(["node", ...nextStartArgs("/app", "3000")]);
    expect(nextStartArgs("/app", "3000")).toContain(String(KEEP_ALIVE_TIMEOUT_MS));
    // Unprivileged, with the media tools, logging JSON, never seeding the demo's known passwords.
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/apt-get install .*ffmpeg/);
    expect(dockerfile).toMatch(/^ENV .*LOG_FORMAT=json/m);
    expect(dockerfile).toMatch(/^ENV .*SEED_DEMO=0/m);
  });

  it("compose runs two app servers and one worker on PostgreSQL and S3, the worker as `npm run worker` does", () => {
    const { app1, app2, worker, postgres, minio, proxy } = compose.services;
    for (const app of [app1, app2]) {
      expect(app.command).toBeUndefined();
      expect(app.environment).toMatchObject({ BLOB_STORE: "s3", WORKER: "off" });
      expect(app.environment?.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
    }
    expect(worker.command).toEqual(packageScripts.worker.split(" "));
    // One process: node with tsx's loader, not tsx's command line, which stands between the signal
    // and the worker and SIGKILLs it when it is slow to answer a relayed SIGTERM (see worker.ts).
    expect(worker.command?.slice(0, 1)).toEqual(["node"]);
    expect(worker.command).toContain("--import");
    expect(worker.command?.join(" ")).not.toMatch(/tsx\/dist\/cli|^tsx /);
    expect(worker.environment?.DATABASE_URL).toBe(app1.environment?.DATABASE_URL);
    expect(postgres.image).toMatch(/^postgres:/);
    expect(minio.image).toMatch(/^minio\//);
    expect(proxy.image).toMatch(/^caddy:/);
  });

  it("the balancer sends requests in turn to servers that say they are ready, and trusts no one else's forwarded address", () => {
    const caddyfile = compose.configs.caddyfile.content;
    expect(caddyfile).toContain("reverse_proxy app1:3000 app2:3000");
    expect(caddyfile).toContain("lb_policy round_robin");
    expect(caddyfile).toContain("health_uri /api/v1/health/ready");
    expect(compose.services.app1.environment?.TRUSTED_PROXIES).toBe("172.28.0.10");
  });
});
