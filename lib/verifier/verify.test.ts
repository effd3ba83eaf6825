import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import canonicalize from "canonicalize";
import fc from "fast-check";
import { strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson as chainCanonicalJson } from "@/lib/audit/chain";
import { jsonValues } from "@/lib/test/json-values";
import type { Db } from "@/db/connect";
import { drainJobs, type JobHandler } from "@/lib/jobs/worker";
import { readEntryPage } from "@/lib/public-pages/read-entry-page";
import { readAll } from "@/lib/publishing/export-stream";
import { streamPublicExport } from "@/lib/publishing/export-zip";
import { publishCorrectRetract } from "@/lib/test/export-fixture";
import { startTestTsa, type TestTsa } from "@/lib/test/tsa";
import { useTestWorld } from "@/lib/test/world";
import type { TimeStampConfig } from "@/lib/timestamps/config";
import { timeStampJobHandlers } from "@/lib/timestamps/jobs";
import { scheduleTimeStamps } from "@/lib/timestamps/schedule";
import { buildTimeStampRequest, canonicalJson, readTimeStampRequest, tokenOfFile } from "./verify.mjs";

const run = promisify(execFile);
const SCRIPT = path.resolve("lib/verifier/verify.mjs");

/** The verifier as a reader runs it: `node verify.mjs …`, its exit code and what it printed. */
async function verify(script: string, ...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, ...args], { timeout: 60_000 });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

describe("the verifier's own parts", () => {
  it("writes RFC 8785 canonical JSON as the audit chain does and the reference implementation does", () => {
    const value = jsonValues();
    fc.assert(fc.property(value, (v) => canonicalJson(v) === canonicalize(v) && canonicalJson(v) === chainCanonicalJson(v)), { numRuns: 2000 });
  });

  it("writes a TimeStampReq openssl reads: version 1, SHA-256, the nonce, certificates asked for", async () => {
    const imprint = "3f".repeat(32);
    const request = buildTimeStampRequest(imprint, Buffer.from("00ff0102030405", "hex"));
    expect(readTimeStampRequest(request)).toEqual({ version: 1, hashAlgorithm: "2.16.840.1.101.3.4.2.1", imprint, nonce: 0xff0102030405n, certReq: true });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-tsq-"));
    try {
      fs.writeFileSync(path.join(dir, "request.tsq"), request);
      const { stdout } = await run("openssl", ["ts", "-query", "-in", path.join(dir, "request.tsq"), "-text"]);
      expect(stdout).toMatch(/Version: 1/);
      expect(stdout).toMatch(/Hash Algorithm: sha256/);
      expect(stdout).toMatch(/Message data:\s+0000 - 3f 3f 3f 3f/);
      expect(stdout).toMatch(/Nonce: 0xFF0102030405/);
      expect(stdout).toMatch(/Certificate required: yes/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(() => buildTimeStampRequest("not a hash", Buffer.from([1]))).toThrow("SHA-256 in hex");
  });

  it("says how to use it, and stops on a file that is not a ZIP", async () => {
    expect(await verify(SCRIPT)).toMatchObject({ code: 2, output: expect.stringContaining("Usage: node verify.mjs") });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-notzip-"));
    try {
      fs.writeFileSync(path.join(dir, "x.zip"), "not a zip at all");
      expect(await verify(SCRIPT, path.join(dir, "x.zip"))).toMatchObject({ code: 2, output: expect.stringContaining("not a ZIP file") });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Derivations of the fixtures' items are not what this test is about: done without being made. */
const SKIP: JobHandler = { run: async () => {}, onGiveUp: async () => {} };

describe("the verifier on a real export (pglite)", () => {
  const world = useTestWorld("pglite");
  let tsa: TestTsa;
  let otherTsa: TestTsa;
  let dir: string;
  let zipPath: string;
  let files: Record<string, Uint8Array>;
  let pagePath: string;
  let slug: string;
  const file = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    [tsa, otherTsa] = await Promise.all([startTestTsa(), startTestTsa({ name: "Rogue" })]);
    const db: Db = world.db;
    const config: TimeStampConfig = { url: tsa.url, intervalMinutes: 10, caFile: tsa.caFile };
    await scheduleTimeStamps(db, config);
    const { published } = await publishCorrectRetract(db);
    slug = published.publicSlug!;
    await scheduleTimeStamps(db, config);
    await drainJobs(db, { ...timeStampJobHandlers(config), "*": SKIP });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-verify-"));
    zipPath = file("export.zip");
    const zip = await readAll(streamPublicExport(db, "https://corroborate.example", new Date(), { timeStamps: config }));
    fs.writeFileSync(zipPath, zip);
    files = unzipSync(zip);
    pagePath = file("page.html");
    fs.writeFileSync(pagePath, (await readEntryPage(db, { slug, locale: "ar", version: "1" })).bytes);
  });
  afterAll(async () => {
    await Promise.all([tsa?.close(), otherTsa?.close()]);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The export with some files changed (null removes one), written as a new ZIP. */
  function tampered(name: string, changes: Record<string, Uint8Array | string | null>): string {
    const copy: Record<string, Uint8Array> = { ...files };
    for (const [f, value] of Object.entries(changes)) {
      if (value === null) delete copy[f];
      else copy[f] = typeof value === "string" ? strToU8(value) : value;
    }
    const out = file(name);
    fs.writeFileSync(out, zipSync(copy));
    return out;
  }
  const text = (name: string) => Buffer.from(files[name]).toString("utf8");
  const auditFile = () => JSON.parse(text("audit-events.json")) as { head: unknown; events: Record<string, any>[] };
  const stamps = () => JSON.parse(text("time-stamps.json")) as { file: string; subject: string; seq: number; imprint: string }[];

  it("passes the export as it is, names the page given, and the copy of itself in the ZIP says the same", async () => {
    expect(Object.keys(files)).toEqual(expect.arrayContaining(["time-stamps.json", "time-stamps/tsa-certs.pem", "verify.mjs", "pages.csv"]));
    const listed = stamps();
    const seals = auditFile().events.filter((e) => e.type === "entry.sealed");
    expect(listed.filter((s) => s.subject === "event").map((s) => s.seq)).toEqual(seals.map((e) => e.seq));
    // Items' stamps stay private: their time says when we received them.
    expect(listed.every((s) => s.subject === "event" || s.subject === "chain")).toBe(true);
    expect(Object.keys(files).filter((f) => f.startsWith("time-stamps/") && !/^time-stamps\/(event|chain)-\d+\.tsr$|^time-stamps\/tsa-certs\.pem$/.test(f))).toEqual([]);
    expect(Buffer.from(files["time-stamps/tsa-certs.pem"]).toString()).toBe(fs.readFileSync(tsa.caFile, "utf8"));

    const result = await verify(SCRIPT, zipPath, pagePath);
    expect(result.code, result.output).toBe(0);
    const seal = seals.find((e) => e.data.slug === slug && e.data.version === 1)!;
    expect(result.output).toContain(`ok    ${pagePath}: ${slug} version 1, language ar, sealed in event #${seal.seq}`);
    expect(result.output).toContain(`ok    entries.json: 5 versions, each with its publication event, its seal, and the snapshot the seal hashed`);
    expect(result.output).toContain(`ok    pages.csv: 10 pages as the seals record them`);
    expect(result.output).toMatch(new RegExp(`ok    time-stamps: ${listed.length} tokens of ${listed.length} valid.*chains to the authority's`));
    expect(result.output).toMatch(/note  audit-events\.json: \d+ events of the chain not exported \(not public\)/);
    expect(result.output).toContain("Everything checked passed.");

    // As a reader runs it: the verify.mjs inside the ZIP, from a folder of its own.
    const shipped = file("shipped-verify.mjs");
    fs.writeFileSync(shipped, files["verify.mjs"]);
    const again = await verify(shipped, zipPath, pagePath);
    expect(again.code, again.output).toBe(0);
    expect(again.output.replaceAll(shipped, SCRIPT)).toBe(result.output);
  });

  it("fails on a changed event, naming the event and the field", async () => {
    const audit = auditFile();
    const target = audit.events.find((e) => e.type === "claim.transitioned" && e.data.action === "retract")!;
    target.data.reason = `${target.data.reason} `;
    const result = await verify(SCRIPT, tampered("changed-event.zip", { "audit-events.json": JSON.stringify(audit) }));
    expect(result.code).toBe(1);
    expect(result.output).toMatch(new RegExp(`FAIL  audit-events\\.json: event #${target.seq} \\(claim\\.transitioned\\): hash: its content hashes to [0-9a-f]{64}, not ${target.hash}`));
    expect(result.output).toContain("1 failure.");
  });

  it("fails on a changed page, a changed snapshot and a changed row of pages.csv", async () => {
    const page = fs.readFileSync(pagePath);
    page[page.length - 10] ^= 1;
    fs.writeFileSync(file("changed.html"), page);
    const changedPage = await verify(SCRIPT, zipPath, file("changed.html"));
    expect(changedPage.code).toBe(1);
    expect(changedPage.output).toMatch(new RegExp(`FAIL  ${file("changed.html").replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: matches no sealed page \\(its SHA-256 is [0-9a-f]{64}\\)`));

    const entries = JSON.parse(text("entries.json")) as { slug: string; history: { version: number; snapshot: { title: string } }[] }[];
    const entry = entries.find((e) => e.slug === slug)!;
    entry.history[0].snapshot.title += "!";
    const snapshot = await verify(SCRIPT, tampered("changed-snapshot.zip", { "entries.json": JSON.stringify(entries) }));
    expect(snapshot.code).toBe(1);
    expect(snapshot.output).toMatch(new RegExp(`FAIL  entries\\.json: ${slug} version 1: snapshot: hashes to [0-9a-f]{64}, not event #\\d+'s snapshotSha256`));

    const lines = text("pages.csv").split("\r\n");
    const [name, version, locale, sha256, ...rest] = lines[1].split(",");
    lines[1] = [name, version, locale, "0".repeat(64), ...rest].join(",");
    const csv = await verify(SCRIPT, tampered("changed-pages.zip", { "pages.csv": lines.join("\r\n") }));
    expect(csv.code).toBe(1);
    expect(csv.output).toContain(`FAIL  pages.csv line 2 (${name} version ${version}, ${locale}): sha256: ${"0".repeat(64)}, but event #${rest[1]} sealed ${sha256}`);
  });

  it("fails on a dropped event: its version lacks its seal, pages.csv and the time-stamp name an event that is not there", async () => {
    const audit = auditFile();
    const at = audit.events.findIndex((e) => e.type === "entry.sealed" && e.data.slug === slug);
    const [dropped] = audit.events.splice(at, 1);
    const result = await verify(SCRIPT, tampered("dropped-event.zip", { "audit-events.json": JSON.stringify(audit) }));
    expect(result.code).toBe(1);
    expect(result.output).toContain(`FAIL  entries.json: ${slug} version 1: no seal event (entry.sealed) in audit-events.json`);
    expect(result.output).toMatch(new RegExp(`FAIL  pages\\.csv line \\d+ \\(${slug} version 1, ar\\): seal event #${dropped.seq} is not in audit-events\\.json`));
    expect(result.output).toContain(`FAIL  time-stamps/event-${dropped.seq}.tsr (event #${dropped.seq}): event #${dropped.seq} is not in audit-events.json`);
  });

  it("fails on a token for other data, a changed token signature, and a token of another authority", async () => {
    const [first, second] = stamps().filter((s) => s.subject === "event");
    const swapped = await verify(SCRIPT, tampered("other-data.zip", { [first.file]: files[second.file] }));
    expect(swapped.code).toBe(1);
    expect(swapped.output).toContain(`FAIL  ${first.file} (event #${first.seq}): imprint: the token stamps ${second.imprint}, not ${first.imprint}`);

    const token = Buffer.from(files[first.file]);
    token[token.length - 1] ^= 0x01; // the last octet of the SignerInfo's signature
    expect(tokenOfFile(token).token).not.toBeNull(); // still a token, only its signature changed
    const signature = await verify(SCRIPT, tampered("signature.zip", { [first.file]: token }));
    expect(signature.code).toBe(1);
    expect(signature.output).toContain(`FAIL  ${first.file} (event #${first.seq}): signature: the signature does not verify with the signer's certificate`);

    // The rogue authority's certificates in place of ours: its tokens are valid, but not anchored on ours given by hand.
    const rogue = fs.readFileSync(otherTsa.caFile, "utf8");
    const anchoredElsewhere = await verify(SCRIPT, tampered("rogue-ca.zip", { "time-stamps/tsa-certs.pem": rogue }));
    expect(anchoredElsewhere.code).toBe(1);
    expect(anchoredElsewhere.output).toContain(`FAIL  ${first.file} (event #${first.seq}): chain: the signer's certificate does not chain to the time-stamping authority's certificates given`);
    const byHand = await verify(SCRIPT, tampered("no-ca.zip", { "time-stamps/tsa-certs.pem": null }), "--tsa-cert", tsa.caFile);
    expect(byHand.code, byHand.output).toBe(0);
    const unanchored = await verify(SCRIPT, tampered("no-ca-at-all.zip", { "time-stamps/tsa-certs.pem": null }));
    expect(unanchored.code, unanchored.output).toBe(0);
    expect(unanchored.output).toContain("note  time-stamps: no certificate of the authority (time-stamps/tsa-certs.pem or --tsa-cert), so who signed the tokens was not checked");
  });
});
