import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { WARCRecord, WARCSerializer } from "warcio";
import { type Fingerprint, fingerprinter } from "../fingerprint";
import type { FetchedPage } from "./fetch-page";

/**
 * The capture as a WARC 1.1 file (ISO 28500): a warcinfo record, the request and the response
 * with its headers and body exactly as received. Written to `dir`; returns its path and its
 * fingerprint (SHA-256 and commitment, computed as it is written).
 */
export async function writeWarc(page: FetchedPage, dir: string): Promise<Fingerprint & { tempPath: string; size: number }> {
  const date = page.fetchedAt.toISOString();
  const url = page.finalUrl;
  const target = new URL(url);
  const info = WARCRecord.createWARCInfo(
    { filename: "capture.warc", warcVersion: "WARC/1.1" },
    { software: "Corroborate page capture", format: "WARC File Format 1.1", "requested-url": page.requestedUrl },
  );
  const request = WARCRecord.create(
    {
      url,
      date,
      type: "request",
      warcVersion: "WARC/1.1",
      statusline: `GET ${target.pathname}${target.search} HTTP/1.1`,
      httpHeaders: { Host: target.host, ...page.requestHeaders },
    },
    [],
  );
  const response = WARCRecord.create(
    {
      url,
      date,
      type: "response",
      warcVersion: "WARC/1.1",
      statusline: `HTTP/1.1 ${page.status} ${page.statusText}`.trim(),
      httpHeaders: Object.fromEntries(page.responseHeaders),
    },
    [new Uint8Array(page.body)],
  );
  const tempPath = path.join(dir, `${process.pid}-${randomUUID()}.part`);
  const out = fs.createWriteStream(tempPath, { flags: "wx" });
  const hash = fingerprinter();
  let size = 0;
  for (const record of [info, request, response]) {
    const bytes = await WARCSerializer.serialize(record, { gzip: false });
    hash.update(bytes);
    size += bytes.length;
    if (!out.write(bytes)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { tempPath, ...hash.digest(), size };
}
