#!/usr/bin/env node
// @ts-check
/**
 * Corroborate's dataset verifier: one file, Node.js's own modules only (node:crypto, node:zlib,
 * node:fs), so anyone can read all of it before running it.
 *
 *   node verify.mjs corroborate-public-dataset.zip [page.html …] [--tsa-cert tsa-ca.pem …]
 *   node verify.mjs --packet packet.json --file the-file (corroborate-public-dataset.zip | entry.json)
 *
 * It checks, without asking our server anything:
 *   - every exported audit event's hash (SHA-256 of prevHash and the RFC 8785 canonical JSON of its
 *     eight hashed fields) and the link between consecutive exported events (gaps are the events
 *     that are not public: counted, not failures);
 *   - that each entry version in entries.json has its publication event and its seal
 *     (`entry.sealed`), and that its snapshot hashes to the seal's snapshotSha256;
 *   - that pages.csv lists exactly the pages the seals record;
 *   - that each page file named on the command line is a sealed page (which entry, version, language);
 *   - each RFC 3161 time-stamp token: granted, stamping the hash of the event (or chain head) it is
 *     said to stamp, its signed attributes' message digest, its signature with the signer's
 *     certificate, that certificate's timeStamping usage and validity, and its chain to the
 *     authority's certificates (time-stamps/tsa-certs.pem, or --tsa-cert).
 * With --packet (a disclosure packet an admin gave out for one evidence item), it checks instead that
 * the file is the item (its SHA-256), that HMAC-SHA-256 of the file under the packet's key is the
 * commitment, that each listed version of the published entry (in the dataset, or the entry's JSON
 * as /api/v1/public/entries/{slug} answers it) names the item by that commitment, that the
 * packet's events hash right, seal exactly those snapshots and are the dataset's own events.
 * It prints what passed and exactly what failed, and exits with 1 on any failure (2 when it
 * cannot start: no file, not a ZIP).
 *
 * The same file is the server's RFC 3161 code (lib/timestamps imports its DER and token functions),
 * so what the server checks before storing a token and what a reader checks are one piece of code.
 */
import { createHash, createHmac, verify as verifySignature, X509Certificate } from "node:crypto";
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { inflateRawSync } from "node:zlib";

// ─────────────────────────────────────────────────────────────────────────────────────────────
// DER: reading and writing the few ASN.1 shapes RFC 3161 and CMS (RFC 5652) use

/**
 * One DER element: `tag` is the identifier octet (class, constructed bit, number ≤ 30), its bytes
 * are `buf[start, end)`, its content `buf[contentStart, end)`.
 * @typedef {{ buf: Buffer, tag: number, start: number, contentStart: number, end: number }} Der
 */

export const TAG = /** @type {const} */ ({
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
});

/** A context-specific tag: `[n]`, constructed (EXPLICIT, or IMPLICIT of a constructed type) or not. */
export const context = (/** @type {number} */ n, constructed = true) => (constructed ? 0xa0 : 0x80) | n;

export class DerError extends Error {
  name = "DerError";
}

/**
 * The element at `start` of `buf`, within `limit`. Only DER: definite lengths of at most four
 * octets, one-octet tags.
 * @param {Buffer} buf
 * @returns {Der}
 */
export function readDer(buf, start = 0, limit = buf.length) {
  if (start + 2 > limit) throw new DerError(`truncated at byte ${start}`);
  const tag = buf[start];
  if ((tag & 0x1f) === 0x1f) throw new DerError(`multi-octet tag at byte ${start}`);
  let length = buf[start + 1];
  let contentStart = start + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0) throw new DerError(`indefinite length at byte ${start} (BER, not DER)`);
    if (octets > 4 || contentStart + octets > limit) throw new DerError(`bad length at byte ${start}`);
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + buf[contentStart + i];
    contentStart += octets;
  }
  const end = contentStart + length;
  if (end > limit) throw new DerError(`element at byte ${start} runs past its container`);
  return { buf, tag, start, contentStart, end };
}

/** A whole buffer as one element, nothing after it. @param {Buffer} buf */
export function readWholeDer(buf) {
  const element = readDer(buf);
  if (element.end !== buf.length) throw new DerError(`${buf.length - element.end} bytes after the element`);
  return element;
}

/** The elements inside a constructed one. @param {Der} der @returns {Der[]} */
export function childrenOf(der) {
  /** @type {Der[]} */
  const out = [];
  for (let at = der.contentStart; at < der.end; ) {
    const child = readDer(der.buf, at, der.end);
    out.push(child);
    at = child.end;
  }
  return out;
}

/** @param {Der} der */
export const contentOf = (der) => der.buf.subarray(der.contentStart, der.end);
/** The element's own bytes, header included. @param {Der} der */
export const bytesOf = (der) => der.buf.subarray(der.start, der.end);

/** @param {Der | undefined} der @param {number} tag @param {string} what @returns {Der} */
export function expectTag(der, tag, what) {
  if (!der) throw new DerError(`${what} is missing`);
  if (der.tag !== tag) throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${der.tag.toString(16)}`);
  return der;
}

/** @param {Der} der */
export function readOid(der) {
  const bytes = contentOf(expectTag(der, TAG.OID, "object identifier"));
  if (bytes.length === 0) throw new DerError("empty object identifier");
  /** @type {number[]} */
  const arcs = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs.shift() ?? 0;
  const top = first < 40 ? 0 : first < 80 ? 1 : 2;
  return [top, first - top * 40, ...arcs].join(".");
}

/** A non-negative INTEGER as a bigint. @param {Der} der */
export function readUnsigned(der) {
  const bytes = contentOf(expectTag(der, TAG.INTEGER, "integer"));
  if (bytes.length === 0) throw new DerError("empty integer");
  if (bytes[0] & 0x80) throw new DerError("negative integer");
  return BigInt(`0x${bytes.toString("hex")}`);
}

/** GeneralizedTime or UTCTime, to the millisecond. @param {Der} der */
export function readTime(der) {
  const text = contentOf(der).toString("latin1");
  const match =
    der.tag === TAG.GENERALIZED_TIME
      ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,9}))?Z$/.exec(text)
      : der.tag === TAG.UTC_TIME
        ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})()Z$/.exec(text)
        : null;
  if (!match) throw new DerError(`not a UTC time: ${JSON.stringify(text.slice(0, 40))}`);
  const year = der.tag === TAG.UTC_TIME ? (Number(match[1]) < 50 ? 2000 : 1900) + Number(match[1]) : Number(match[1]);
  const ms = Number((match[7] ?? "").padEnd(3, "0").slice(0, 3));
  return new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6]), ms));
}

/** An element of `tag` around `content`. @param {number} tag @param {Buffer[]} content */
export function writeDer(tag, ...content) {
  const body = Buffer.concat(content);
  const n = body.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : n < 0x10000 ? Buffer.from([0x82, n >> 8, n & 0xff]) : Buffer.from([0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
}

/** @param {string} oid */
export function writeOid(oid) {
  const arcs = oid.split(".").map(Number);
  /** @type {number[]} */
  const bytes = [];
  for (const arc of [arcs[0] * 40 + arcs[1], ...arcs.slice(2)]) {
    const chunk = [arc & 0x7f];
    for (let rest = Math.floor(arc / 128); rest > 0; rest = Math.floor(rest / 128)) chunk.unshift((rest & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return writeDer(TAG.OID, Buffer.from(bytes));
}

/** A non-negative INTEGER from its big-endian bytes. @param {Buffer} bytes */
export function writeUnsigned(bytes) {
  let at = 0;
  while (at < bytes.length - 1 && bytes[at] === 0) at++;
  const trimmed = bytes.subarray(at);
  return writeDer(TAG.INTEGER, trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// RFC 3161: the request, the response, the token

export const OID = /** @type {const} */ ({
  sha1: "1.3.14.3.2.26",
  sha224: "2.16.840.1.101.3.4.2.4",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha384: "2.16.840.1.101.3.4.2.2",
  sha512: "2.16.840.1.101.3.4.2.3",
  signedData: "1.2.840.113549.1.7.2",
  tstInfo: "1.2.840.113549.1.9.16.1.4",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingCertificate: "1.2.840.113549.1.9.16.2.12",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  extKeyUsage: "2.5.29.37",
  subjectKeyIdentifier: "2.5.29.14",
  timeStamping: "1.3.6.1.5.5.7.3.8",
  rsaEncryption: "1.2.840.113549.1.1.1",
  rsaPss: "1.2.840.113549.1.1.10",
  ecPublicKey: "1.2.840.10045.2.1",
  ed25519: "1.3.101.112",
  ed448: "1.3.101.113",
});

/** Digest algorithms by OID, as node:crypto names them. */
const DIGESTS = /** @type {Record<string, string>} */ ({ [OID.sha1]: "sha1", [OID.sha224]: "sha224", [OID.sha256]: "sha256", [OID.sha384]: "sha384", [OID.sha512]: "sha512" });

/** Signature algorithms that name their digest. */
const SIGNATURE_DIGESTS = /** @type {Record<string, string>} */ ({
  "1.2.840.113549.1.1.5": "sha1",
  "1.2.840.113549.1.1.14": "sha224",
  "1.2.840.113549.1.1.11": "sha256",
  "1.2.840.113549.1.1.12": "sha384",
  "1.2.840.113549.1.1.13": "sha512",
  "1.2.840.10045.4.1": "sha1",
  "1.2.840.10045.4.3.1": "sha224",
  "1.2.840.10045.4.3.2": "sha256",
  "1.2.840.10045.4.3.3": "sha384",
  "1.2.840.10045.4.3.4": "sha512",
});

/** The SHA-256 AlgorithmIdentifier, with NULL parameters as most authorities write it. */
const SHA256_ALGORITHM = writeDer(TAG.SEQUENCE, writeOid(OID.sha256), writeDer(TAG.NULL));

/**
 * A TimeStampReq (RFC 3161 §2.4.1): version 1, the SHA-256 `imprint` (hex), the `nonce` (its
 * bytes, a positive integer) and certReq TRUE, so the token carries the authority's certificate.
 * @param {string} imprint @param {Buffer} nonce
 */
export function buildTimeStampRequest(imprint, nonce) {
  const hash = Buffer.from(imprint, "hex");
  if (hash.length !== 32 || hash.toString("hex") !== imprint.toLowerCase()) throw new Error("The imprint must be a SHA-256 in hex");
  return writeDer(
    TAG.SEQUENCE,
    writeDer(TAG.INTEGER, Buffer.from([1])),
    writeDer(TAG.SEQUENCE, SHA256_ALGORITHM, writeDer(TAG.OCTET_STRING, hash)),
    writeUnsigned(nonce),
    writeDer(TAG.BOOLEAN, Buffer.from([0xff])),
  );
}

/**
 * What a TimeStampReq asks (for a test authority, and to read back what was sent).
 * @param {Buffer} der
 */
export function readTimeStampRequest(der) {
  const [version, messageImprint, ...rest] = childrenOf(expectTag(readWholeDer(der), TAG.SEQUENCE, "TimeStampReq"));
  const [algorithm, hashed] = childrenOf(expectTag(messageImprint, TAG.SEQUENCE, "messageImprint"));
  const nonce = rest.find((d) => d.tag === TAG.INTEGER);
  return {
    version: Number(readUnsigned(version)),
    hashAlgorithm: readOid(childrenOf(algorithm)[0]),
    imprint: contentOf(expectTag(hashed, TAG.OCTET_STRING, "hashedMessage")).toString("hex"),
    nonce: nonce ? readUnsigned(nonce) : null,
    certReq: rest.some((d) => d.tag === TAG.BOOLEAN && contentOf(d)[0] !== 0),
  };
}

export const PKI_STATUS = ["granted", "grantedWithMods", "rejection", "waiting", "revocationWarning", "revocationNotification"];
const FAILURE_INFO = /** @type {Record<number, string>} */ ({
  0: "badAlg",
  2: "badRequest",
  5: "badDataFormat",
  14: "timeNotAvailable",
  15: "unacceptedPolicy",
  16: "unacceptedExtension",
  17: "addInfoNotAvailable",
  25: "systemFailure",
});

/**
 * A TimeStampResp (RFC 3161 §2.4.2): its status, the authority's words and failure bits, and the
 * TimeStampToken's DER bytes exactly as sent (null when none came).
 * @param {Buffer} der
 */
export function readTimeStampResponse(der) {
  const [statusInfo, token] = childrenOf(expectTag(readWholeDer(der), TAG.SEQUENCE, "TimeStampResp"));
  const [status, ...more] = childrenOf(expectTag(statusInfo, TAG.SEQUENCE, "PKIStatusInfo"));
  const code = Number(readUnsigned(status));
  const text = more
    .filter((d) => d.tag === TAG.SEQUENCE)
    .flatMap(childrenOf)
    .map((d) => contentOf(d).toString("utf8"));
  const bits = more.find((d) => d.tag === TAG.BIT_STRING);
  /** @type {string[]} */
  const failInfo = [];
  if (bits) {
    const bytes = contentOf(bits).subarray(1);
    for (let i = 0; i < bytes.length * 8; i++) if (bytes[i >> 3] & (0x80 >> (i & 7))) failInfo.push(FAILURE_INFO[i] ?? `bit ${i}`);
  }
  return { status: code, statusName: PKI_STATUS[code] ?? `status ${code}`, text, failInfo, token: token ? Buffer.from(bytesOf(token)) : null };
}

/** Whether a status lets a token through: granted, or granted with modifications. @param {number} status */
export const isGranted = (status) => status === 0 || status === 1;

/**
 * A token as a TimeStampResp with status granted: what `openssl ts -verify -in` and the media type
 * application/timestamp-reply expect. The token's bytes are kept as they are.
 * @param {Buffer} token
 */
export function timeStampResponseOf(token) {
  return writeDer(TAG.SEQUENCE, writeDer(TAG.SEQUENCE, writeDer(TAG.INTEGER, Buffer.from([0]))), token);
}

/** A .tsr file's token: from a TimeStampResp, or a bare token (ContentInfo). @param {Buffer} der */
export function tokenOfFile(der) {
  const first = childrenOf(expectTag(readWholeDer(der), TAG.SEQUENCE, "file"))[0];
  if (first?.tag === TAG.OID) return { status: 0, statusName: "granted", text: [], failInfo: [], token: der };
  return readTimeStampResponse(der);
}

/**
 * @typedef {{ version: number, policy: string, hashAlgorithm: string, imprint: string, serial: bigint, genTime: Date, nonce: bigint | null, tsaName: Buffer | null }} TstInfo
 * @typedef {{ der: Buffer, tbs: Der, serial: bigint, issuer: Buffer, subject: Buffer, notBefore: Date, notAfter: Date, extensions: Map<string, { critical: boolean, value: Buffer }> }} CertificateParts
 * @typedef {{ sid: { issuer: Buffer, serial: bigint } | { keyId: Buffer }, digestAlgorithm: string, signedAttrs: Der | null, signatureAlgorithm: Der, signature: Buffer }} SignerInfo
 */

/** @param {Der} der @returns {TstInfo} */
function readTstInfo(der) {
  const [version, policy, messageImprint, serial, genTime, ...rest] = childrenOf(expectTag(der, TAG.SEQUENCE, "TSTInfo"));
  const [algorithm, hashed] = childrenOf(expectTag(messageImprint, TAG.SEQUENCE, "messageImprint"));
  const nonce = rest.find((d) => d.tag === TAG.INTEGER);
  const tsa = rest.find((d) => d.tag === context(0));
  return {
    version: Number(readUnsigned(version)),
    policy: readOid(policy),
    hashAlgorithm: readOid(childrenOf(algorithm)[0]),
    imprint: contentOf(expectTag(hashed, TAG.OCTET_STRING, "hashedMessage")).toString("hex"),
    serial: readUnsigned(serial),
    genTime: readTime(expectTag(genTime, TAG.GENERALIZED_TIME, "genTime")),
    nonce: nonce ? readUnsigned(nonce) : null,
    tsaName: tsa ? Buffer.from(contentOf(tsa)) : null,
  };
}

/** The parts of an X.509 certificate the checks need. @param {Buffer} der @returns {CertificateParts} */
export function readCertificate(der) {
  const [tbs] = childrenOf(expectTag(readWholeDer(der), TAG.SEQUENCE, "Certificate"));
  const fields = childrenOf(expectTag(tbs, TAG.SEQUENCE, "tbsCertificate"));
  const offset = fields[0]?.tag === context(0) ? 1 : 0;
  const [serial, , issuer, validity, subject] = fields.slice(offset);
  const [notBefore, notAfter] = childrenOf(expectTag(validity, TAG.SEQUENCE, "validity"));
  /** @type {Map<string, { critical: boolean, value: Buffer }>} */
  const extensions = new Map();
  const wrapped = fields.find((d) => d.tag === context(3));
  for (const extension of wrapped ? childrenOf(childrenOf(wrapped)[0]) : []) {
    const parts = childrenOf(extension);
    const critical = parts.length === 3 && contentOf(parts[1])[0] !== 0;
    extensions.set(readOid(parts[0]), { critical, value: Buffer.from(contentOf(expectTag(parts[parts.length - 1], TAG.OCTET_STRING, "extnValue"))) });
  }
  return { der, tbs, serial: readUnsigned(serial), issuer: Buffer.from(bytesOf(issuer)), subject: Buffer.from(bytesOf(subject)), notBefore: readTime(notBefore), notAfter: readTime(notAfter), extensions };
}

/** @param {Der} der @returns {SignerInfo} */
function readSignerInfo(der) {
  const [, sid, digestAlgorithm, ...rest] = childrenOf(expectTag(der, TAG.SEQUENCE, "SignerInfo"));
  const signedAttrs = rest[0]?.tag === context(0) ? rest.shift() ?? null : null;
  const [signatureAlgorithm, signature] = rest;
  let identifier;
  if (sid.tag === TAG.SEQUENCE) {
    const [issuer, serial] = childrenOf(sid);
    identifier = { issuer: Buffer.from(bytesOf(issuer)), serial: readUnsigned(serial) };
  } else if (sid.tag === context(0, false)) {
    identifier = { keyId: Buffer.from(contentOf(sid)) };
  } else throw new DerError("unknown signer identifier");
  return {
    sid: identifier,
    digestAlgorithm: readOid(childrenOf(digestAlgorithm)[0]),
    signedAttrs,
    signatureAlgorithm: expectTag(signatureAlgorithm, TAG.SEQUENCE, "signatureAlgorithm"),
    signature: Buffer.from(contentOf(expectTag(signature, TAG.OCTET_STRING, "signature"))),
  };
}

/**
 * A TimeStampToken's parts (RFC 3161 §2.4.2, a CMS SignedData): what it stamps (TSTInfo, and its
 * DER bytes as signed), the signer's information and the certificates it carries.
 * @param {Buffer} token
 */
export function readTimeStampToken(token) {
  const [contentType, wrapped] = childrenOf(expectTag(readWholeDer(token), TAG.SEQUENCE, "ContentInfo"));
  if (readOid(contentType) !== OID.signedData) throw new DerError("not a CMS SignedData");
  const signedData = childrenOf(expectTag(childrenOf(expectTag(wrapped, context(0), "content"))[0], TAG.SEQUENCE, "SignedData"));
  const [, , encapsulated] = signedData;
  const [eContentType, eContentWrapped] = childrenOf(expectTag(encapsulated, TAG.SEQUENCE, "encapContentInfo"));
  const eContent = Buffer.from(contentOf(expectTag(childrenOf(expectTag(eContentWrapped, context(0), "eContent"))[0], TAG.OCTET_STRING, "eContent")));
  const certificates = signedData.filter((d) => d.tag === context(0)).flatMap(childrenOf).filter((d) => d.tag === TAG.SEQUENCE).map((d) => Buffer.from(bytesOf(d)));
  const signerInfos = childrenOf(expectTag(signedData[signedData.length - 1], TAG.SET, "signerInfos")).map(readSignerInfo);
  return { eContentType: readOid(eContentType), eContent, tstInfo: readTstInfo(readWholeDer(eContent)), certificates, signerInfos };
}

/** @param {string} algorithm @param {Buffer} bytes */
const digest = (algorithm, bytes) => createHash(algorithm).update(bytes).digest();

/** The signer's certificate among `certificates`, by issuer and serial or by key id. @param {SignerInfo} signer @param {CertificateParts[]} certificates */
function findSignerCertificate(signer, certificates) {
  const sid = signer.sid;
  if ("keyId" in sid) {
    return certificates.find((c) => {
      const ski = c.extensions.get(OID.subjectKeyIdentifier);
      return ski && contentOf(readWholeDer(ski.value)).equals(sid.keyId);
    });
  }
  return certificates.find((c) => c.serial === sid.serial && c.issuer.equals(sid.issuer));
}

/**
 * Whether `signature` over `data` verifies with the certificate's key under the SignerInfo's
 * algorithms. Throws for an algorithm this file does not know.
 * @param {SignerInfo} signer @param {X509Certificate} certificate @param {Buffer} data
 */
function signatureVerifies(signer, certificate, data) {
  const [algorithm, parameters] = childrenOf(signer.signatureAlgorithm);
  const oid = readOid(algorithm);
  const key = certificate.publicKey;
  if (oid === OID.ed25519 || oid === OID.ed448) return verifySignature(null, data, key, signer.signature);
  if (oid === OID.rsaPss) {
    // RSASSA-PSS-params: [0] hash (SHA-1 by default), [2] salt length (20 by default).
    let hash = "sha1";
    let saltLength = 20;
    for (const field of parameters ? childrenOf(parameters) : []) {
      if (field.tag === context(0)) hash = DIGESTS[readOid(childrenOf(childrenOf(field)[0])[0])] ?? "";
      if (field.tag === context(2)) saltLength = Number(readUnsigned(childrenOf(field)[0]));
    }
    if (!hash) throw new Error("an unknown RSASSA-PSS hash");
    return verifySignature(hash, data, { key, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength }, signer.signature);
  }
  const hash = SIGNATURE_DIGESTS[oid] ?? (oid === OID.rsaEncryption || oid === OID.ecPublicKey ? DIGESTS[signer.digestAlgorithm] : undefined);
  if (!hash) throw new Error(`an unknown signature algorithm (${oid})`);
  return verifySignature(hash, data, key, signer.signature);
}

/** A certificate as node:crypto reads it, with its parts. @param {Buffer} der */
function certificateOf(der) {
  return { parts: readCertificate(der), x509: new X509Certificate(der) };
}

/**
 * The certificates of a PEM file (or several concatenated), as DER.
 * @param {string} pem
 */
export function certificatesOfPem(pem) {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g)].map((m) => Buffer.from(m[1].replace(/\s+/g, ""), "base64"));
}

/**
 * @typedef {{ field: string, message: string }} Problem
 * @typedef {{ tstInfo: TstInfo | null, signerSubject: string | null, anchored: boolean | null, problems: Problem[] }} TokenCheck
 */

/**
 * Everything that can be checked of a TimeStampToken on its own: what it stamps (`imprint`, hex
 * SHA-256, and the `nonce` asked, when known), the signed attributes' content type and message
 * digest (the SHA-256, or the SignerInfo's digest, of the encapsulated TSTInfo), the signing
 * certificate attribute, the signature with the signer's certificate, that certificate's critical
 * extendedKeyUsage timeStamping and validity at genTime, and — given `anchors` (DER certificates
 * of the authority) — its chain to one of them. Never throws: every failure is a problem named
 * by its field.
 * @param {Buffer} token @param {{ imprint?: string, nonce?: bigint, anchors?: Buffer[] }} expected
 * @returns {TokenCheck}
 */
export function checkTimeStampToken(token, { imprint, nonce, anchors } = {}) {
  /** @type {Problem[]} */
  const problems = [];
  const problem = (/** @type {string} */ field, /** @type {string} */ message) => problems.push({ field, message });
  /** @type {ReturnType<typeof readTimeStampToken>} */
  let parsed;
  try {
    parsed = readTimeStampToken(token);
  } catch (error) {
    problem("token", `not a time-stamp token (${error instanceof Error ? error.message : String(error)})`);
    return { tstInfo: null, signerSubject: null, anchored: null, problems };
  }
  const { tstInfo, eContent, eContentType } = parsed;
  if (eContentType !== OID.tstInfo) problem("eContentType", `the token signs ${eContentType}, not a TSTInfo`);
  if (tstInfo.hashAlgorithm !== OID.sha256) problem("imprint", `the token stamps a hash of another algorithm (${tstInfo.hashAlgorithm}), not SHA-256`);
  if (imprint !== undefined && tstInfo.imprint !== imprint.toLowerCase()) problem("imprint", `the token stamps ${tstInfo.imprint}, not ${imprint.toLowerCase()}`);
  if (nonce !== undefined && tstInfo.nonce !== nonce) problem("nonce", `the token answers nonce ${tstInfo.nonce ?? "none"}, not the ${nonce} asked`);

  if (parsed.signerInfos.length !== 1) {
    problem("signerInfos", `${parsed.signerInfos.length} signers, where a time-stamp has one`);
    return { tstInfo, signerSubject: null, anchored: null, problems };
  }
  const [signer] = parsed.signerInfos;
  /** @type {{ parts: CertificateParts, x509: X509Certificate }[]} */
  const carried = [];
  for (const der of parsed.certificates) {
    try {
      carried.push(certificateOf(der));
    } catch (error) {
      problem("certificates", `a certificate in the token cannot be read (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const signerParts = findSignerCertificate(signer, carried.map((c) => c.parts));
  const signerCert = carried.find((c) => c.parts === signerParts);
  const digestName = DIGESTS[signer.digestAlgorithm];
  if (!digestName) problem("digestAlgorithm", `an unknown digest algorithm (${signer.digestAlgorithm})`);

  // The signed attributes: what the signature covers, and what binds it to the TSTInfo.
  if (!signer.signedAttrs) problem("signedAttrs", "the signer signed no attributes (RFC 5652 requires them here)");
  else if (digestName) {
    /** @type {Map<string, Der[]>} */
    const attributes = new Map();
    for (const attribute of childrenOf(signer.signedAttrs)) {
      const [type, values] = childrenOf(attribute);
      attributes.set(readOid(type), childrenOf(values));
    }
    const contentType = attributes.get(OID.contentType)?.[0];
    if (!contentType || readOid(contentType) !== OID.tstInfo) problem("contentType", "the signed content type is not TSTInfo");
    const messageDigest = attributes.get(OID.messageDigest)?.[0];
    const expectedDigest = digest(digestName, eContent);
    if (!messageDigest) problem("messageDigest", "no messageDigest attribute");
    else if (!contentOf(messageDigest).equals(expectedDigest)) {
      problem("messageDigest", `the signed messageDigest ${contentOf(messageDigest).toString("hex")} is not the ${digestName} of the TSTInfo (${expectedDigest.toString("hex")})`);
    }
    if (signerCert) checkSigningCertificateAttribute(attributes, signerCert.parts.der, problem);
    if (signerCert) {
      // The signature covers the attributes' DER as a SET OF (RFC 5652 §5.4), not as [0] IMPLICIT.
      const signed = Buffer.from(bytesOf(signer.signedAttrs));
      signed[0] = TAG.SET;
      try {
        if (!signatureVerifies(signer, signerCert.x509, signed)) problem("signature", "the signature does not verify with the signer's certificate");
      } catch (error) {
        problem("signature", `the signature cannot be checked: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  if (!signerCert) {
    problem("certificate", "the token does not carry its signer's certificate");
    return { tstInfo, signerSubject: null, anchored: null, problems };
  }
  const usage = signerCert.parts.extensions.get(OID.extKeyUsage);
  const purposes = usage ? childrenOf(readWholeDer(usage.value)).map(readOid) : [];
  if (!usage || !purposes.includes(OID.timeStamping)) problem("extendedKeyUsage", "the signer's certificate is not for time-stamping (no extendedKeyUsage timeStamping)");
  else if (!usage.critical) problem("extendedKeyUsage", "the signer's extendedKeyUsage is not critical (RFC 3161 §2.3)");
  const { notBefore, notAfter } = signerCert.parts;
  if (tstInfo.genTime < notBefore || tstInfo.genTime > notAfter) {
    problem("validity", `genTime ${tstInfo.genTime.toISOString()} is outside the signer's certificate (${notBefore.toISOString()} to ${notAfter.toISOString()})`);
  }
  const anchored = anchors ? chainsToAnchor(signerCert, carried, anchors, tstInfo.genTime, problem) : null;
  return { tstInfo, signerSubject: signerCert.x509.subject.replace(/\n/g, ", "), anchored, problems };
}

/**
 * The ESS signing-certificate attribute (v1: SHA-1; v2: SHA-256 unless it names another), when
 * present, must name the signer's certificate: it stops a certificate from being swapped.
 * @param {Map<string, Der[]>} attributes @param {Buffer} signerDer @param {(field: string, message: string) => void} problem
 */
function checkSigningCertificateAttribute(attributes, signerDer, problem) {
  for (const [oid, version] of /** @type {const} */ ([[OID.signingCertificate, 1], [OID.signingCertificateV2, 2]])) {
    const value = attributes.get(oid)?.[0];
    if (!value) continue;
    const first = childrenOf(childrenOf(value)[0])[0];
    if (!first) continue;
    // ESSCertID: certHash first; ESSCertIDv2: an optional AlgorithmIdentifier before it.
    const parts = childrenOf(first);
    const named = version === 2 && parts[0]?.tag === TAG.SEQUENCE ? parts[0] : null;
    const algorithm = named ? (DIGESTS[readOid(childrenOf(named)[0])] ?? "") : version === 1 ? "sha1" : "sha256";
    const hash = named ? parts[1] : parts[0];
    if (!algorithm || !hash) problem("signingCertificate", "the signing certificate attribute cannot be read");
    else if (!contentOf(hash).equals(digest(algorithm, signerDer))) problem("signingCertificate", "the signing certificate attribute names another certificate");
  }
}

/**
 * Whether the signer's certificate leads, issuer by issuer (signatures checked), to one of
 * `anchors`, every certificate on the way valid at `at`.
 * @param {{ parts: CertificateParts, x509: X509Certificate }} signer
 * @param {{ parts: CertificateParts, x509: X509Certificate }[]} carried
 * @param {Buffer[]} anchors @param {Date} at @param {(field: string, message: string) => void} problem
 */
function chainsToAnchor(signer, carried, anchors, at, problem) {
  /** @type {{ parts: CertificateParts, x509: X509Certificate }[]} */
  const trusted = [];
  for (const der of anchors) {
    try {
      trusted.push(certificateOf(der));
    } catch {
      problem("chain", "a certificate of the authority's file cannot be read");
    }
  }
  const candidates = [...trusted, ...carried];
  let current = signer;
  for (let depth = 0; depth < 8; depth++) {
    if (trusted.some((t) => t.parts.der.equals(current.parts.der))) return true;
    const issuer = candidates.find((c) => c.parts.subject.equals(current.parts.issuer) && current.x509.checkIssued(c.x509) && current.x509.verify(c.x509.publicKey));
    if (!issuer) break;
    if (at < issuer.parts.notBefore || at > issuer.parts.notAfter) {
      problem("chain", `the issuer ${issuer.x509.subject.replace(/\n/g, ", ")} was not valid at ${at.toISOString()}`);
      return false;
    }
    if (issuer.parts.der.equals(current.parts.der)) break; // self-signed and not trusted
    current = issuer;
  }
  problem("chain", "the signer's certificate does not chain to the time-stamping authority's certificates given");
  return false;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// RFC 8785 canonical JSON, as the audit chain hashes it (lib/audit/chain.ts; a test holds them equal)

/** @param {unknown} value @returns {string | undefined} */
export function canonicalJson(value) {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      const withJson = /** @type {{ toJSON?: () => unknown }} */ (value);
      if (typeof withJson.toJSON === "function") return canonicalJson(withJson.toJSON());
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v) ?? "null").join(",")}]`;
      const record = /** @type {Record<string, unknown>} */ (value);
      const members = [];
      for (const key of Object.keys(record).sort()) {
        const member = canonicalJson(record[key]);
        if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
      }
      return `{${members.join(",")}}`;
    }
    default:
      return undefined;
  }
}

const sha256Hex = (/** @type {string | Buffer} */ data) => createHash("sha256").update(data).digest("hex");

// ─────────────────────────────────────────────────────────────────────────────────────────────
// ZIP: the central directory, stored and deflated files (what fflate and zip tools write)

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** @param {Buffer} bytes */
function crc32(bytes) {
  let crc = -1;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/**
 * The files of a ZIP, by name, each read (inflated, size and CRC-32 checked) when asked.
 * @param {Buffer} zip @returns {Map<string, () => Buffer>}
 */
export function readZip(zip) {
  let eocd = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a ZIP file (no end of central directory)");
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) throw new Error("a ZIP64 file, which this verifier does not read");
  /** @type {Map<string, () => Buffer>} */
  const files = new Map();
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`the ZIP's central directory is damaged (entry ${i + 1})`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    files.set(name, () => {
      if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`${name}: its local header is damaged`);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + compressed);
      if (data.length !== compressed) throw new Error(`${name}: truncated`);
      let bytes;
      if (method === 0) bytes = data;
      else if (method === 8) bytes = inflateRawSync(data, { maxOutputLength: Math.max(size, 1) });
      else throw new Error(`${name}: compression method ${method}, which this verifier does not read`);
      if (bytes.length !== size || crc32(bytes) !== crc) throw new Error(`${name}: damaged (its size or CRC-32 does not match the ZIP's directory)`);
      return bytes;
    });
  }
  return files;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// The dataset's checks

/**
 * @typedef {{ seq: number, hash: string, prevHash: string, type: string, entityType?: string, entityId?: string, occurredAt?: string, actorId?: string | null, data?: any, withheld?: true }} ExportedEvent
 * @typedef {{ locale: string, sha256: string, size: number }} SealedPage
 * @typedef {{ passed: string[], failed: string[], notes: string[] }} Report
 */

const HASHED_FIELDS = /** @type {const} */ (["seq", "occurredAt", "actorId", "type", "entityType", "entityId", "data", "prevHash"]);
const GENESIS = "0".repeat(64);
const PUBLICATION_ACTIONS = /** @type {Record<string, string[]>} */ ({ publication: ["publish"], correction: ["publish_correction", "correct"], retraction: ["retract"] });

/** The hash an event's content gives: SHA-256 of prevHash followed by the JCS of its eight hashed fields. @param {ExportedEvent} event */
export function eventHash(event) {
  /** @type {Record<string, unknown>} */
  const body = {};
  for (const field of HASHED_FIELDS) body[field] = event[field];
  return sha256Hex(`${event.prevHash}${canonicalJson(body)}`);
}

/** Rows of an RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF). @param {string} text */
export function parseCsv(text) {
  /** @type {string[][]} */
  const rows = [];
  /** @type {string[]} */
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field), rows.push(row), (row = []), (field = "");
    } else field += c;
  }
  if (field !== "" || row.length) row.push(field), rows.push(row);
  return rows;
}

const plural = (/** @type {number} */ n, /** @type {string} */ one, /** @type {string} */ many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/**
 * Reads one of the ZIP's JSON files, or says (through `fail`) that it is missing or not JSON.
 * @param {Map<string, () => Buffer>} files @param {(line: string) => void} fail
 * @returns {(name: string) => any}
 */
function jsonReader(files, fail) {
  return (name) => {
    const read = files.get(name);
    if (!read) return fail(`${name}: missing from the ZIP`), undefined;
    try {
      return JSON.parse(read().toString("utf8"));
    } catch (error) {
      return fail(`${name}: ${error instanceof Error ? error.message : String(error)}`), undefined;
    }
  };
}

/**
 * Checks an exported dataset. `files` are the ZIP's, `pages` the page files to identify (name and
 * bytes), `tsaCerts` extra certificates (DER) of the time-stamping authority to anchor tokens on.
 * @param {Map<string, () => Buffer>} files
 * @param {{ pages?: { name: string, bytes: Buffer }[], tsaCerts?: Buffer[] }} [options]
 * @returns {Report}
 */
export function verifyDataset(files, { pages = [], tsaCerts = [] } = {}) {
  /** @type {Report} */
  const report = { passed: [], failed: [], notes: [] };
  const fail = (/** @type {string} */ line) => report.failed.push(line);

  const readJson = jsonReader(files, fail);

  // The audit events: each hash, and each link between consecutive numbers.
  const audit = readJson("audit-events.json");
  /** @type {ExportedEvent[]} */
  const events = Array.isArray(audit?.events) ? audit.events : [];
  if (audit && !Array.isArray(audit.events)) fail("audit-events.json: no events list");
  /** @type {Map<number, ExportedEvent>} */
  const bySeq = new Map();
  let hashed = 0;
  let withheld = 0;
  let links = 0;
  let gaps = 0;
  /** @type {ExportedEvent | null} */
  let previous = null;
  for (const event of events) {
    const where = `audit-events.json: event #${event?.seq}`;
    if (!event || !Number.isSafeInteger(event.seq) || typeof event.hash !== "string" || typeof event.prevHash !== "string") {
      fail(`${where}: lacks seq, hash or prevHash`);
      continue;
    }
    if (previous && event.seq <= previous.seq) fail(`${where}: out of order (after event #${previous.seq})`);
    if (event.withheld) withheld++;
    else if (eventHash(event) !== event.hash) fail(`${where} (${event.type}): hash: its content hashes to ${eventHash(event)}, not ${event.hash}`);
    else hashed++;
    if (event.seq === 1 && event.prevHash !== GENESIS) fail(`${where}: prevHash: the chain's first event must follow the genesis value`);
    if (previous && event.seq === previous.seq + 1) {
      if (event.prevHash !== previous.hash) fail(`${where}: prevHash ${event.prevHash} is not event #${previous.seq}'s hash ${previous.hash}`);
      else links++;
    } else if (event.seq > (previous?.seq ?? 0) + 1) gaps += event.seq - (previous?.seq ?? 0) - 1;
    bySeq.set(event.seq, event);
    previous = event;
  }
  const head = audit?.head;
  if (audit && (!head || !Number.isSafeInteger(head.seq) || typeof head.hash !== "string")) fail("audit-events.json: head: lacks seq or hash");
  else if (head && previous) {
    if (previous.seq > head.seq) fail(`audit-events.json: head: event #${previous.seq} comes after the head #${head.seq}`);
    if (previous.seq === head.seq && previous.hash !== head.hash) fail(`audit-events.json: head: its hash is not event #${head.seq}'s`);
    gaps += head.seq - previous.seq;
  }
  if (audit) {
    report.passed.push(`audit-events.json: ${plural(hashed, "event")} whose hash matches its content; ${plural(links, "link")} between consecutive events`);
    report.notes.push(`audit-events.json: ${plural(gaps, "event")} of the chain not exported (not public), ${plural(withheld, "event")} withheld (hash only)`);
  }

  // Seals: which pages and snapshot each version was published with.
  /** @type {Map<string, ExportedEvent>} */
  const sealOf = new Map();
  /** @type {Map<string, { event: ExportedEvent, page: SealedPage }>} */
  const pageByHash = new Map();
  for (const event of events) {
    if (event?.type !== "entry.sealed" || event.withheld || !event.data) continue;
    sealOf.set(`${event.data.slug}\n${event.data.version}`, event);
    for (const page of Array.isArray(event.data.pages) ? event.data.pages : []) if (!pageByHash.has(page.sha256)) pageByHash.set(page.sha256, { event, page });
  }

  // Entries: every version has its publication and its seal, and its snapshot is the one sealed.
  const entries = readJson("entries.json");
  if (entries !== undefined) {
    if (!Array.isArray(entries)) fail("entries.json: not a list");
    let versions = 0;
    for (const entry of Array.isArray(entries) ? entries : []) {
      for (const version of Array.isArray(entry?.history) ? entry.history : []) {
        const where = `entries.json: ${entry.slug} version ${version?.version}`;
        const seal = sealOf.get(`${entry.slug}\n${version?.version}`);
        if (!seal) {
          fail(`${where}: no seal event (entry.sealed) in audit-events.json`);
          continue;
        }
        let ok = true;
        const snapshot = sha256Hex(canonicalJson(version.snapshot) ?? "");
        if (snapshot !== seal.data.snapshotSha256) ok = false, fail(`${where}: snapshot: hashes to ${snapshot}, not event #${seal.seq}'s snapshotSha256 ${seal.data.snapshotSha256}`);
        const publication = bySeq.get(seal.data.publicationSeq);
        if (!publication) ok = false, fail(`${where}: its publication event #${seal.data.publicationSeq} (named by seal #${seal.seq}) is not in audit-events.json`);
        else if (!publication.withheld) {
          const data = publication.data ?? {};
          if (publication.type !== "claim.transitioned" || publication.entityId !== seal.entityId || data.entryVersion !== version.version) {
            ok = false;
            fail(`${where}: event #${publication.seq}, named by seal #${seal.seq}, did not publish this version`);
          } else if (PUBLICATION_ACTIONS[version.change] && !PUBLICATION_ACTIONS[version.change].includes(data.action)) {
            ok = false;
            fail(`${where}: change: "${version.change}", but event #${publication.seq} is a ${data.action}`);
          }
        }
        if (ok) versions++;
      }
    }
    report.passed.push(`entries.json: ${plural(versions, "version")}, each with its publication event, its seal, and the snapshot the seal hashed`);
  }

  // pages.csv: exactly the pages the seals record.
  const pagesCsv = files.get("pages.csv");
  if (!pagesCsv) fail("pages.csv: missing from the ZIP");
  else {
    const [header, ...rows] = parseCsv(pagesCsv().toString("utf8")).filter((r) => r.length > 1 || r[0] !== "");
    const expected = "slug,version,locale,sha256,size,seal_seq";
    if (header?.join(",") !== expected) fail(`pages.csv: the header is not ${expected}`);
    const listed = new Set();
    let matched = 0;
    rows.forEach(([slug, version, locale, sha256, size, sealSeq], i) => {
      const where = `pages.csv line ${i + 2} (${slug} version ${version}, ${locale})`;
      listed.add(`${sealSeq}\n${locale}`);
      const seal = bySeq.get(Number(sealSeq));
      if (!seal) return fail(`${where}: seal event #${sealSeq} is not in audit-events.json`);
      if (seal.type !== "entry.sealed" || seal.withheld) return fail(`${where}: event #${sealSeq} is not a seal`);
      if (seal.data.slug !== slug || String(seal.data.version) !== version) return fail(`${where}: event #${sealSeq} seals ${seal.data.slug} version ${seal.data.version}`);
      const page = (seal.data.pages ?? []).find((/** @type {SealedPage} */ p) => p.locale === locale);
      if (!page) return fail(`${where}: event #${sealSeq} seals no ${locale} page`);
      if (page.sha256 !== sha256) return fail(`${where}: sha256: ${sha256}, but event #${sealSeq} sealed ${page.sha256}`);
      if (String(page.size) !== size) return fail(`${where}: size: ${size}, but event #${sealSeq} sealed ${page.size}`);
      matched++;
    });
    for (const seal of sealOf.values()) {
      for (const page of seal.data.pages ?? []) if (!listed.has(`${seal.seq}\n${page.locale}`)) fail(`pages.csv: the ${page.locale} page of ${seal.data.slug} version ${seal.data.version} (seal #${seal.seq}) is missing`);
    }
    report.passed.push(`pages.csv: ${plural(matched, "page")} as the seals record them`);
  }

  // Pages given on the command line.
  for (const { name, bytes } of pages) {
    const sha256 = sha256Hex(bytes);
    const found = pageByHash.get(sha256);
    if (!found) fail(`${name}: matches no sealed page (its SHA-256 is ${sha256})`);
    else report.passed.push(`${name}: ${found.event.data.slug} version ${found.event.data.version}, language ${found.page.locale}, sealed in event #${found.event.seq} (SHA-256 ${sha256})`);
  }

  checkTimeStamps(files, { bySeq, head, tsaCerts, report });
  return report;
}

/**
 * time-stamps.json and its tokens: each token valid on its own (checkTimeStampToken), anchored on
 * the authority's certificates, and stamping the hash of an exported event or of the head.
 * @param {Map<string, () => Buffer>} files
 * @param {{ bySeq: Map<number, ExportedEvent>, head: { seq: number, hash: string } | undefined, tsaCerts: Buffer[], report: Report }} context
 */
function checkTimeStamps(files, { bySeq, head, tsaCerts, report }) {
  const fail = (/** @type {string} */ line) => report.failed.push(line);
  const list = files.get("time-stamps.json");
  if (!list) {
    report.notes.push("time-stamps.json: none (the site did not stamp its chain with an outside time-stamping authority when this was exported)");
    return;
  }
  /** @type {{ file: string, subject: string, seq: number, imprint: string, genTime: string, tsa: string }[]} */
  let stamps;
  try {
    stamps = JSON.parse(list().toString("utf8"));
    if (!Array.isArray(stamps)) throw new Error("not a list");
  } catch (error) {
    return fail(`time-stamps.json: ${error instanceof Error ? error.message : String(error)}`);
  }
  const pem = files.get("time-stamps/tsa-certs.pem");
  const anchors = [...(pem ? certificatesOfPem(pem().toString("utf8")) : []), ...tsaCerts];
  let valid = 0;
  for (const stamp of stamps) {
    const where = `${stamp?.file} (${stamp?.subject} #${stamp?.seq})`;
    const read = typeof stamp?.file === "string" ? files.get(stamp.file) : undefined;
    if (!read) {
      fail(`${where}: missing from the ZIP`);
      continue;
    }
    let token;
    try {
      const response = tokenOfFile(read());
      if (!isGranted(response.status) || !response.token) {
        fail(`${where}: status: ${response.statusName}${response.text.length ? ` (${response.text.join("; ")})` : ""}`);
        continue;
      }
      token = response.token;
    } catch (error) {
      fail(`${where}: not a time-stamp reply (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    // What it stamps must be what the export has under that number.
    const event = bySeq.get(stamp.seq);
    const named = stamp.subject === "chain" && head?.seq === stamp.seq ? head.hash : event?.hash;
    let ok = true;
    if (stamp.subject !== "event" && stamp.subject !== "chain") ok = false, fail(`${where}: subject: "${stamp.subject}" is neither an event nor the chain`);
    else if (!named) ok = false, fail(`${where}: event #${stamp.seq} is not in audit-events.json`);
    else if (stamp.subject === "event" && event?.type !== "entry.sealed") ok = false, fail(`${where}: event #${stamp.seq} is a ${event?.type}, not a seal`);
    else if (named !== stamp.imprint) ok = false, fail(`${where}: imprint: ${stamp.imprint} is not event #${stamp.seq}'s hash ${named}`);
    const checked = checkTimeStampToken(token, { imprint: named ?? stamp.imprint, anchors: anchors.length ? anchors : undefined });
    for (const { field, message } of checked.problems) ok = false, fail(`${where}: ${field}: ${message}`);
    if (checked.tstInfo && checked.tstInfo.genTime.toISOString() !== stamp.genTime) ok = false, fail(`${where}: genTime: the token says ${checked.tstInfo.genTime.toISOString()}, time-stamps.json ${stamp.genTime}`);
    if (ok) valid++;
  }
  report.passed.push(
    `time-stamps: ${plural(valid, "token")} of ${stamps.length} valid, each stamping the hash of the exported event (or chain head) it names${anchors.length ? ", signed by a certificate that chains to the authority's" : ""}`,
  );
  if (!anchors.length && stamps.length) report.notes.push("time-stamps: no certificate of the authority (time-stamps/tsa-certs.pem or --tsa-cert), so who signed the tokens was not checked");
}

/**
 * The SHA-256 and the HMAC-SHA-256 under `keyHex` of a file, read a piece at a time (a video may
 * not fit in memory).
 * @param {string} path @param {string} keyHex
 */
export function digestFile(path, keyHex) {
  const hash = createHash("sha256");
  const mac = createHmac("sha256", Buffer.from(keyHex, "hex"));
  const fd = fs.openSync(path, "r");
  const buf = Buffer.alloc(4 * 1024 * 1024);
  try {
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) {
      hash.update(buf.subarray(0, n));
      mac.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return { sha256: hash.digest("hex"), commitment: mac.digest("hex") };
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Checks a disclosure packet against the file's digests (`digestFile` under the packet's key) and
 * the published entry: the dataset's files, or one entry's JSON (slug and history with snapshots).
 * @param {any} packet
 * @param {{ sha256: string, commitment: string }} file
 * @param {{ files?: Map<string, () => Buffer>, entry?: any }} published
 * @returns {Report}
 */
export function verifyDisclosure(packet, file, { files, entry } = {}) {
  /** @type {Report} */
  const report = { passed: [], failed: [], notes: [] };
  const fail = (/** @type {string} */ line) => report.failed.push(line);
  if (packet?.format !== "corroborate-disclosure" || packet.formatVersion !== 1) return fail("packet: not a disclosure packet (format corroborate-disclosure, version 1)"), report;
  const sha256 = String(packet.evidence?.sha256 ?? "");
  const key = String(packet.commitment?.key ?? "");
  const commitment = String(packet.commitment?.value ?? "");
  if (!HEX64.test(sha256) || !HEX64.test(key) || !HEX64.test(commitment) || packet.commitment?.algorithm !== "HMAC-SHA-256") {
    return fail("packet: evidence.sha256, commitment.key and commitment.value must each be 64 hex digits, the algorithm HMAC-SHA-256"), report;
  }
  if (file.sha256 === sha256) report.passed.push(`file: it is the item ${packet.evidence.id} (SHA-256 ${sha256})`);
  else fail(`file: its SHA-256 is ${file.sha256}, not the item's ${sha256}`);
  if (file.commitment === commitment) report.passed.push(`file: HMAC-SHA-256 under the disclosed key is the commitment ${commitment}`);
  else fail(`file: HMAC-SHA-256 under the disclosed key is ${file.commitment}, not the commitment ${commitment}`);

  const isRecord = (/** @type {unknown} */ value) => !!value && typeof value === "object" && !Array.isArray(value);
  if (!Array.isArray(packet.events) || !packet.events.every(isRecord) || !Array.isArray(packet.entries) || !packet.entries.every(isRecord)) {
    return fail("packet: events and entries must each be a list of objects"), report;
  }
  /** @type {ExportedEvent[]} */
  const events = packet.events;
  for (const event of events) if (eventHash(event) !== event.hash) fail(`packet: event #${event.seq} (${event.type}): its content hashes to ${eventHash(event)}, not ${event.hash}`);

  // The published versions: from the dataset, or from the entry's own JSON.
  /** @type {Map<string, any>} */
  const snapshots = new Map();
  /** @type {Map<number, ExportedEvent>} */
  const chain = new Map();
  if (files) {
    const read = jsonReader(files, fail);
    for (const e of read("entries.json") ?? []) for (const v of e?.history ?? []) snapshots.set(`${e.slug}\n${v.version}`, v.snapshot);
    for (const event of read("audit-events.json")?.events ?? []) chain.set(event.seq, event);
  } else if (entry) {
    for (const v of entry.history ?? []) snapshots.set(`${entry.slug}\n${v.version}`, v.snapshot);
  }
  /** @type {any[]} */
  const listed = packet.entries;
  // What ties the file to the public record is a published version naming its commitment: looked
  // for in what was published, not taken from the packet (whoever wrote it chose its list).
  const naming = [...snapshots.entries()].filter(([, s]) => (s?.evidence?.hashes ?? []).some((/** @type {any} */ h) => h?.commitment === commitment)).map(([k]) => k);
  if (!naming.length) fail(`published entry: no version names the commitment ${commitment}`);
  for (const key of naming) if (!listed.some((e) => `${e.slug}\n${e.version}` === key)) fail(`packet: ${key.replace("\n", " version ")} names the commitment but is not in the packet's entries`);
  for (const { slug, version } of listed) {
    const where = `${slug} version ${version}`;
    const snapshot = snapshots.get(`${slug}\n${version}`);
    if (!snapshot) {
      fail(`${where}: not in the published entry given`);
      continue;
    }
    const named = (snapshot.evidence?.hashes ?? []).some((/** @type {any} */ h) => h.commitment === commitment);
    if (!named) fail(`${where}: does not name the commitment ${commitment}`);
    const seal = events.find((e) => e.type === "entry.sealed" && e.data?.slug === slug && e.data?.version === version);
    const publication = seal && events.find((e) => e.seq === seal.data.publicationSeq);
    if (!seal) fail(`${where}: the packet carries no seal (entry.sealed) of it`);
    else if (sha256Hex(canonicalJson(snapshot) ?? "") !== seal.data.snapshotSha256) fail(`${where}: the published snapshot is not the one event #${seal.seq} sealed`);
    else if (!publication || publication.type !== "claim.transitioned" || publication.data?.entryVersion !== version) fail(`${where}: the packet lacks the event that published it (#${seal.data.publicationSeq})`);
    else if (named) report.passed.push(`${where}: names the item by its commitment; its snapshot is the one sealed in event #${seal.seq}, published by event #${publication.seq}`);
  }
  if (files) {
    // The dataset itself first: its chain, its seals against its snapshots, its time-stamp tokens.
    const dataset = verifyDataset(files);
    report.passed.push(...dataset.passed);
    report.notes.push(...dataset.notes);
    report.failed.push(...dataset.failed);
    let found = 0;
    for (const event of events) {
      const exported = chain.get(event.seq);
      if (!exported) fail(`packet: event #${event.seq} is not in the dataset's audit-events.json`);
      else if (exported.hash !== event.hash) fail(`packet: event #${event.seq}'s hash is not the dataset's ${exported.hash}`);
      else found++;
    }
    report.passed.push(`packet: ${plural(found, "event")} of the packet, each the dataset's own event with the same hash`);
  } else if (entry) {
    report.notes.push(
      "NOT ANCHORED: the entry's JSON and the packet agree with each other, but nothing here shows that they are what was published. Give the dataset ZIP (its chain and time-stamp tokens), or find the packet's event hashes in the published audit chain.",
    );
  }
  const named = [...snapshots.entries()].filter(([, s]) => (s?.evidence?.hashes ?? []).some((/** @type {any} */ h) => h.sha256 === sha256)).map(([k]) => k.replace("\n", " version "));
  if (named.length) report.notes.push(`the item's SHA-256 is published in ${named.join(", ")} (named by hash)`);
  return report;
}

/** @param {string[]} argv */
function main(argv) {
  /** @type {string[]} */
  const positional = [];
  /** @type {string[]} */
  const certFiles = [];
  /** @type {string | undefined} */
  let packetPath;
  /** @type {string | undefined} */
  let filePath;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--tsa-cert") certFiles.push(argv[++i] ?? "");
    else if (argv[i] === "--packet") packetPath = argv[++i] ?? "";
    else if (argv[i] === "--file") filePath = argv[++i] ?? "";
    else if (argv[i] === "--help" || argv[i] === "-h") positional.length = 0, (i = argv.length);
    else positional.push(argv[i]);
  }
  const [zipPath, ...pagePaths] = positional;
  if (packetPath !== undefined) return mainDisclosure(packetPath, filePath, zipPath);
  if (!zipPath) {
    console.error("Usage: node verify.mjs corroborate-public-dataset.zip [page.html …] [--tsa-cert tsa-ca.pem]");
    console.error("       node verify.mjs --packet packet.json --file the-file (corroborate-public-dataset.zip | entry.json)");
    return 2;
  }
  let files;
  try {
    files = readZip(fs.readFileSync(zipPath));
  } catch (error) {
    console.error(`${zipPath}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  /** @type {{ name: string, bytes: Buffer }[]} */
  const pages = [];
  /** @type {string[]} */
  const unreadable = [];
  for (const name of pagePaths) {
    try {
      pages.push({ name, bytes: fs.readFileSync(name) });
    } catch (error) {
      unreadable.push(`${name}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const tsaCerts = certFiles.flatMap((file) => {
    try {
      const found = certificatesOfPem(fs.readFileSync(file, "utf8"));
      if (!found.length) unreadable.push(`${file}: holds no PEM certificate`);
      return found;
    } catch (error) {
      unreadable.push(`${file}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
      return [];
    }
  });
  /** @type {Report} */
  let report;
  try {
    report = verifyDataset(files, { pages, tsaCerts });
  } catch (error) {
    report = { passed: [], failed: [`${zipPath}: ${error instanceof Error ? error.message : String(error)}`], notes: [] };
  }
  report.failed.unshift(...unreadable);
  return printReport(`Checked ${zipPath}`, report);
}

/** @param {string} title @param {Report} report */
function printReport(title, report) {
  console.log(title);
  for (const line of report.passed) console.log(`  ok    ${line}`);
  for (const line of report.notes) console.log(`  note  ${line}`);
  for (const line of report.failed) console.log(`  FAIL  ${line}`);
  console.log(report.failed.length ? `${plural(report.failed.length, "failure")}.` : "Everything checked passed.");
  return report.failed.length ? 1 : 0;
}

/** --packet: a disclosure packet against the file and the published entry. @param {string} packetPath @param {string | undefined} filePath @param {string | undefined} publishedPath */
function mainDisclosure(packetPath, filePath, publishedPath) {
  if (!filePath || !publishedPath) {
    console.error("Usage: node verify.mjs --packet packet.json --file the-file (corroborate-public-dataset.zip | entry.json)");
    return 2;
  }
  let packet;
  let file;
  /** @type {{ files?: Map<string, () => Buffer>, entry?: any }} */
  let published;
  try {
    packet = JSON.parse(fs.readFileSync(packetPath, "utf8"));
    const key = String(packet?.commitment?.key ?? "");
    file = digestFile(filePath, /^[0-9a-f]{64}$/.test(key) ? key : "");
    const bytes = fs.readFileSync(publishedPath);
    published = bytes.subarray(0, 4).equals(Buffer.from("PK\x03\x04", "latin1")) ? { files: readZip(bytes) } : { entry: JSON.parse(bytes.toString("utf8")) };
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  return printReport(`Checked the disclosure packet ${packetPath} against ${filePath} and ${publishedPath}`, verifyDisclosure(packet, file, published));
}

/** Whether this file is the script Node was asked to run (not a module another imports). */
function isMain() {
  try {
    return !!process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isMain()) process.exitCode = main(process.argv.slice(2));
