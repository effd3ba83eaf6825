import "server-only";
import fs from "node:fs/promises";
import { env } from "@/lib/env";
import { certificatesOfPem } from "@/lib/verifier/verify.mjs";

/**
 * Where tokens come from (TSA_URL; none: nothing is stamped), how often the chain's head is
 * stamped while it grows, and the authority's certificates (TSA_CA_FILE), which anchor a token
 * before it is stored and go out with the dataset. Tests give their own.
 */
export type TimeStampConfig = { url: string | null; intervalMinutes: number; caFile: string | null };

export function timeStampConfig(): TimeStampConfig {
  return { url: env.TSA_URL ?? null, intervalMinutes: env.TSA_INTERVAL_MINUTES, caFile: env.TSA_CA_FILE ?? null };
}

/** Whether anything is stamped: without TSA_URL, nothing is. */
export function isTimeStampingConfigured(): boolean {
  return !!env.TSA_URL;
}

/**
 * The authority's address as stored and shown: scheme, host and path only. A TSA_URL may carry a
 * password or an API key (in its user part or query), which must reach neither a page nor the
 * public list.
 */
export function tsaLabel(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname === "/" ? "" : parsed.pathname}`;
}

/** A PEM file of certificates is small: anything larger is not one. */
const CA_FILE_MAX_BYTES = 1024 * 1024;

/** TSA_CA_FILE's text (PEM), or null when none is configured; an unreadable or empty file is an error that says so. */
export async function readTsaCertificates(config: TimeStampConfig): Promise<string | null> {
  if (!config.caFile) return null;
  const handle = await fs.open(config.caFile, "r").catch((error: unknown) => {
    throw new Error(`TSA_CA_FILE (${config.caFile}) cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    const { size } = await handle.stat();
    if (size > CA_FILE_MAX_BYTES) throw new Error(`TSA_CA_FILE (${config.caFile}) is larger than a certificate file can be`);
    const pem = await handle.readFile("utf8");
    if (certificatesOfPem(pem).length === 0) throw new Error(`TSA_CA_FILE (${config.caFile}) holds no PEM certificate`);
    return pem;
  } finally {
    await handle.close();
  }
}
