import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { buildTimeStampRequest, readTimeStampRequest, TAG, writeDer } from "@/lib/verifier/verify.mjs";

const run = promisify(execFile);

/**
 * How the test authority answers the next requests: as an authority should (`ok`), or wrongly —
 * bytes that are no response, a refusal, a token for other data or another nonce, an HTTP error,
 * or nothing at all until closed.
 */
export type TsaAnswer = "ok" | "garbage" | "reject" | "other-data" | "wrong-nonce" | "http-500" | "hang";

/** What the authority last received: its path and query, and its Authorization header. */
export type TsaRequestSeen = { url: string; authorization: string | null };

export type TestTsa = {
  url: string;
  /** The authority's CA certificate (PEM file): what TSA_CA_FILE names. */
  caFile: string;
  /** The authority's own signing certificate (PEM file): `-untrusted` for openssl. */
  tsaCertFile: string;
  state: { answer: TsaAnswer; requests: number; last: TsaRequestSeen | null };
  close: () => Promise<void>;
};

/** Two `openssl ts -reply` at once at most; each slot has its own serial file, so serials never repeat. */
const SLOTS = 2;

/**
 * A real RFC 3161 time-stamping authority on loopback: a CA and a TSA certificate (critical
 * extendedKeyUsage timeStamping) made with `openssl` in a temp folder of the test run, and a small
 * HTTP server that answers each TimeStampReq with `openssl ts -reply`, two at a time.
 * `keyType`: the keys' algorithm (EC P-256 by default; RSA 2048 to exercise the other signatures).
 */
export async function startTestTsa({ keyType = "ec", name = "Corroborate test" }: { keyType?: "ec" | "rsa"; name?: string } = {}): Promise<TestTsa> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-tsa-"));
  const file = (f: string) => path.join(dir, f);
  const newKey = keyType === "ec" ? ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"] : ["-newkey", "rsa:2048"];
  await run("openssl", ["req", "-x509", "-new", ...newKey, "-nodes", "-keyout", file("ca.key"), "-out", file("ca.pem"), "-days", "3650", "-subj", `/CN=${name} CA`,
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
  await run("openssl", ["req", "-new", ...newKey, "-nodes", "-keyout", file("tsa.key"), "-out", file("tsa.csr"), "-subj", `/CN=${name} TSA`]);
  fs.writeFileSync(
    file("tsa-ext.cnf"),
    "[tsa]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=critical,timeStamping\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
  );
  await run("openssl", ["x509", "-req", "-in", file("tsa.csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key"), "-set_serial", "2", "-days", "3650", "-out", file("tsa.pem"), "-extfile", file("tsa-ext.cnf"), "-extensions", "tsa"]);
  for (let slot = 0; slot < SLOTS; slot++) {
    fs.writeFileSync(file(`serial-${slot}`), `${(slot * 0x40000000 + 1).toString(16).padStart(8, "0")}\n`);
    fs.writeFileSync(
      file(`ts-${slot}.cnf`),
      [
        "[ tsa ]",
        "default_tsa = tsa_config",
        "[ tsa_config ]",
        `serial = ${file(`serial-${slot}`)}`,
        "crypto_device = builtin",
        `signer_cert = ${file("tsa.pem")}`,
        `certs = ${file("ca.pem")}`,
        `signer_key = ${file("tsa.key")}`,
        "signer_digest = sha256",
        "default_policy = 1.2.3.4.1",
        "digests = sha256, sha384, sha512",
        "accuracy = secs:1",
        "ordering = yes",
        "tsa_name = yes",
        "ess_cert_id_chain = no",
        "ess_cert_id_alg = sha256",
        "",
      ].join("\n"),
    );
  }

  const state: TestTsa["state"] = { answer: "ok", requests: 0, last: null };
  const free = Array.from({ length: SLOTS }, (_, i) => i);
  const waiting: ((slot: number) => void)[] = [];
  const takeSlot = () => new Promise<number>((resolve) => (free.length ? resolve(free.pop()!) : waiting.push(resolve)));
  const giveSlot = (slot: number) => (waiting.length ? waiting.shift()!(slot) : free.push(slot));
  let counter = 0;

  /** `openssl ts -reply` to a query, in one of the slots. */
  async function reply(query: Buffer): Promise<Buffer> {
    const slot = await takeSlot();
    const id = `${process.pid}-${++counter}`;
    try {
      fs.writeFileSync(file(`${id}.tsq`), query);
      await run("openssl", ["ts", "-reply", "-config", file(`ts-${slot}.cnf`), "-queryfile", file(`${id}.tsq`), "-out", file(`${id}.tsr`)], { timeout: 10_000 });
      return fs.readFileSync(file(`${id}.tsr`));
    } finally {
      giveSlot(slot);
      fs.rmSync(file(`${id}.tsq`), { force: true });
      fs.rmSync(file(`${id}.tsr`), { force: true });
    }
  }

  async function answer(query: Buffer): Promise<{ status: number; body: Buffer }> {
    const asked = readTimeStampRequest(query);
    const nonce = Buffer.from((asked.nonce ?? 1n).toString(16).padStart(16, "0"), "hex");
    switch (state.answer) {
      case "garbage":
        return { status: 200, body: randomBytes(200) };
      case "http-500":
        return { status: 500, body: Buffer.from("internal error") };
      case "reject":
        return {
          status: 200,
          body: writeDer(TAG.SEQUENCE, writeDer(TAG.SEQUENCE, writeDer(TAG.INTEGER, Buffer.from([2])), writeDer(TAG.SEQUENCE, writeDer(TAG.UTF8_STRING, Buffer.from("the service is closed for maintenance"))))),
        };
      case "other-data":
        return { status: 200, body: await reply(buildTimeStampRequest(createHash("sha256").update("other data").digest("hex"), nonce)) };
      case "wrong-nonce":
        return { status: 200, body: await reply(buildTimeStampRequest(asked.imprint, randomBytes(8))) };
      default:
        return { status: 200, body: await reply(query) };
    }
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > 16 * 1024) request.destroy();
      else chunks.push(chunk);
    });
    request.on("end", () => {
      state.requests += 1;
      state.last = { url: request.url ?? "", authorization: request.headers.authorization ?? null };
      if (state.answer === "hang") return;
      if (request.method !== "POST" || request.headers["content-type"] !== "application/timestamp-query") {
        response.writeHead(415).end();
        return;
      }
      answer(Buffer.concat(chunks)).then(
        ({ status, body }) => response.writeHead(status, { "Content-Type": "application/timestamp-reply", "Content-Length": body.length }).end(body),
        (error: unknown) => response.writeHead(400, { "Content-Type": "text/plain" }).end(String(error)),
      );
    });
  });
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    caFile: file("ca.pem"),
    tsaCertFile: file("tsa.pem"),
    state,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An address where nothing listens: an authority that is down. */
export async function deadTsaUrl(): Promise<string> {
  const server = http.createServer();
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/tsa`;
}

/**
 * `openssl ts -verify -digest <imprint> -in <reply.tsr> -CAfile <ca> -untrusted <tsa cert>`, as a
 * reader of the dataset would run it: whether it says "Verification: OK", and what it said.
 */
export async function opensslVerifies(reply: Buffer, imprint: string, tsa: Pick<TestTsa, "caFile" | "tsaCertFile">): Promise<{ ok: boolean; output: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-tsr-"));
  try {
    fs.writeFileSync(path.join(dir, "token.tsr"), reply);
    const { stdout, stderr } = await run("openssl", ["ts", "-verify", "-digest", imprint, "-in", path.join(dir, "token.tsr"), "-CAfile", tsa.caFile, "-untrusted", tsa.tsaCertFile]);
    return { ok: stdout.includes("Verification: OK"), output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}${failed.message}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
