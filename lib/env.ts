import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseTrustedProxies } from "@/lib/auth/trusted-proxies";

/**
 * The one place that reads process.env (t3's env pattern). Everything else imports `env`.
 */
const ZEnv = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default("data"),
  AUTH_SECRET: z.string().min(16).optional(),
  SEED_DEMO: z
    .enum(["0", "1", "false", "true"])
    .default("1")
    .transform((v) => v === "1" || v === "true"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["silent", "error", "info"]).default("info"),
  // Proxies whose X-Forwarded-For entries are believed (addresses, CIDR ranges); none by default.
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((list, ctx) => {
      try {
        return parseTrustedProxies(list);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  EVIDENCE_MAX_BYTES: z.coerce.number().int().positive().default(2 * 1024 ** 3),
  EVIDENCE_FETCH_ALLOWLIST: z
    .string()
    .default("")
    .transform((s) => s.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean)),
  BLOB_STORE: z.enum(["fs", "s3"]).default("fs"),
  S3_BUCKET: z.string().optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(["0", "1"]).default("1").transform((v) => v === "1"),
  WORKER: z.enum(["inline", "off"]).default("inline"),
  // At start a server migrates the database to its code's schema (one at a time: an advisory lock),
  // or, with `off`, refuses to start on any other schema (`npm run db:migrate` migrates apart).
  MIGRATE: z.enum(["auto", "off"]).default("auto"),
  // The bearer token Prometheus sends for GET /api/v1/metrics; without it the metrics are not served.
  METRICS_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
  // Read by the server's preload (lib/server/operations-preload.cjs), checked here: `json` writes
  // one JSON object per line (pino), with each request's line and id; `text` is for a terminal.
  LOG_FORMAT: z.enum(["text", "json"]).default("text"),
  // On SIGTERM: requests in flight and the current job get this long, then the server exits anyway.
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().max(600).default(25),
  // On SIGTERM, first this long still serving but not ready, so a balancer stops sending (the preload's).
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(120).default(0),
  // tus uploads, per person: unfinished ones open, the bytes their lengths reserve (default
  // 4 × EVIDENCE_MAX_BYTES), bodies received at once, and how long a body may send nothing.
  TUS_MAX_OPEN_UPLOADS: z.coerce.number().int().positive().default(20),
  TUS_MAX_RESERVED_BYTES: z.coerce.number().int().positive().optional(),
  TUS_MAX_CONCURRENT_PATCHES: z.coerce.number().int().positive().default(4),
  TUS_IDLE_TIMEOUT_SECONDS: z.coerce.number().positive().default(30),
  // An unfinished upload is removed this long after it started (swept hourly, or each period when shorter).
  TUS_EXPIRY_SECONDS: z.coerce.number().positive().default(24 * 60 * 60),
  // The public site's address, for absolute links in JSON-LD; without it they are relative.
  PUBLIC_URL: z
    .string()
    .url()
    .optional()
    .transform((u) => u?.replace(/\/+$/, "")),
  // Mail: sent through this SMTP server (smtp:// or smtps://, user and password in the URL);
  // without it messages wait in the app's outbox, which an admin reads (/admin/outbox).
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Corroborate <no-reply@localhost>"),
  // Organisation sign-in over OpenID Connect: all three, or none.
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  // The identity provider's name on the sign-in button ("Sign in with …").
  OIDC_NAME: z.string().min(1).max(60).default("your organisation"),
  // Password sign-in can be turned off where everyone signs in through the organisation.
  PASSWORD_SIGN_IN: z.enum(["on", "off"]).default("on"),
  // Time from outside (RFC 3161): the time-stamping authority asked for tokens over the audit
  // chain's head, sealed pages and evidence hashes; without it nothing is stamped.
  TSA_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//i.test(u), "must be an http:// or https:// URL")
    .optional(),
  // The chain's head is stamped at least this often while the chain grows.
  TSA_INTERVAL_MINUTES: z.coerce.number().positive().max(7 * 24 * 60).default(10),
  // The authority's certificates (PEM): the anchor a reader checks tokens against; exported with the dataset.
  TSA_CA_FILE: z.string().min(1).optional(),
});

function readEnv() {
  if (process.env.TRUSTED_PROXY_HOPS) {
    // Its meaning (trust the Nth X-Forwarded-For entry from the right) let any client choose its address.
    throw new Error("Invalid environment: TRUSTED_PROXY_HOPS is no longer read; list your proxies in TRUSTED_PROXIES instead");
  }
  const parsed = ZEnv.safeParse({
    DATABASE_URL: process.env.DATABASE_URL || undefined,
    DATA_DIR: process.env.DATA_DIR || undefined,
    AUTH_SECRET: process.env.AUTH_SECRET || undefined,
    SEED_DEMO: process.env.SEED_DEMO || undefined,
    NODE_ENV: process.env.NODE_ENV || undefined,
    LOG_LEVEL: process.env.LOG_LEVEL || undefined,
    TRUSTED_PROXIES: process.env.TRUSTED_PROXIES || undefined,
    EVIDENCE_MAX_BYTES: process.env.EVIDENCE_MAX_BYTES || undefined,
    EVIDENCE_FETCH_ALLOWLIST: process.env.EVIDENCE_FETCH_ALLOWLIST || undefined,
    BLOB_STORE: process.env.BLOB_STORE || undefined,
    S3_BUCKET: process.env.S3_BUCKET || undefined,
    S3_ENDPOINT: process.env.S3_ENDPOINT || undefined,
    S3_REGION: process.env.S3_REGION || undefined,
    S3_ACCESS_KEY_ID: process.env.S3_ACCESS_KEY_ID || undefined,
    S3_SECRET_ACCESS_KEY: process.env.S3_SECRET_ACCESS_KEY || undefined,
    S3_FORCE_PATH_STYLE: process.env.S3_FORCE_PATH_STYLE || undefined,
    WORKER: process.env.WORKER || undefined,
    MIGRATE: process.env.MIGRATE || undefined,
    METRICS_TOKEN: process.env.METRICS_TOKEN || undefined,
    LOG_FORMAT: process.env.LOG_FORMAT || undefined,
    SHUTDOWN_TIMEOUT_SECONDS: process.env.SHUTDOWN_TIMEOUT_SECONDS || undefined,
    SHUTDOWN_DRAIN_SECONDS: process.env.SHUTDOWN_DRAIN_SECONDS || undefined,
    TUS_MAX_OPEN_UPLOADS: process.env.TUS_MAX_OPEN_UPLOADS || undefined,
    TUS_MAX_RESERVED_BYTES: process.env.TUS_MAX_RESERVED_BYTES || undefined,
    TUS_MAX_CONCURRENT_PATCHES: process.env.TUS_MAX_CONCURRENT_PATCHES || undefined,
    TUS_IDLE_TIMEOUT_SECONDS: process.env.TUS_IDLE_TIMEOUT_SECONDS || undefined,
    TUS_EXPIRY_SECONDS: process.env.TUS_EXPIRY_SECONDS || undefined,
    PUBLIC_URL: process.env.PUBLIC_URL || undefined,
    SMTP_URL: process.env.SMTP_URL || undefined,
    MAIL_FROM: process.env.MAIL_FROM || undefined,
    OIDC_ISSUER: process.env.OIDC_ISSUER || undefined,
    OIDC_CLIENT_ID: process.env.OIDC_CLIENT_ID || undefined,
    OIDC_CLIENT_SECRET: process.env.OIDC_CLIENT_SECRET || undefined,
    OIDC_NAME: process.env.OIDC_NAME || undefined,
    PASSWORD_SIGN_IN: process.env.PASSWORD_SIGN_IN || undefined,
    TSA_URL: process.env.TSA_URL || undefined,
    TSA_INTERVAL_MINUTES: process.env.TSA_INTERVAL_MINUTES || undefined,
    TSA_CA_FILE: process.env.TSA_CA_FILE || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const data = parsed.data;
  const oidc = [data.OIDC_ISSUER, data.OIDC_CLIENT_ID, data.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidc !== 0 && oidc !== 3) throw new Error("Invalid environment: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together (all three, or none)");
  // A mailed link names the site: from PUBLIC_URL, never from a request's Host header, which whoever asks for a reset could choose.
  if (data.SMTP_URL && !data.PUBLIC_URL) throw new Error("Invalid environment: SMTP_URL needs PUBLIC_URL (the address the links in mail point to)");
  if (data.PASSWORD_SIGN_IN === "off" && oidc === 0) throw new Error("Invalid environment: PASSWORD_SIGN_IN=off needs organisation sign-in (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)");
  return { ...data, TUS_MAX_RESERVED_BYTES: data.TUS_MAX_RESERVED_BYTES ?? 4 * data.EVIDENCE_MAX_BYTES };
}

export const env = readEnv();

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), env.DATA_DIR);
}

/**
 * AUTH_SECRET when set; otherwise a random secret kept in the data folder, so a new user needs no
 * set-up. Several app servers behind a load balancer must share one AUTH_SECRET.
 */
export function authSecret(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const file = path.join(dataDir(), "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir(), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}

/**
 * Whether this process is `next build` prerendering pages. Nothing may open the database then: a
 * build must not depend on data, nor leave the data folder locked by a worker that is gone.
 */
export const isBuilding = process.env.NEXT_PHASE === "phase-production-build";
