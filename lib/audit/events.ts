import { z } from "zod";
import { CLAIM_STATES, ROLES } from "@/db/schema/enums";

/** A changed field: what it was and what it became. */
const ZChange = z.object({ before: z.unknown(), after: z.unknown() });
const ZChanges = z.record(z.string(), ZChange);

/**
 * Every kind of audit event, typed. Built by `auditEvent` in the same transaction as the change
 * it records, parsed on read.
 */
export const ZAuditEventBody = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("user.created"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ email: z.string(), name: z.string(), role: z.enum(ROLES) }),
  }),
  z.object({
    type: z.literal("token.created"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ tokenId: z.string(), label: z.string() }),
  }),
  z.object({
    type: z.literal("user.preferences_changed"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ changes: ZChanges }),
  }),
  z.object({
    type: z.literal("auth.sign_in_succeeded"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ method: z.literal("credentials") }),
  }),
  z.object({
    type: z.literal("auth.sign_in_failed"),
    entity: z.object({ type: z.literal("user"), id: z.string() }),
    data: z.object({ reason: z.enum(["unknown_account", "wrong_password", "inactive", "rate_limited"]) }),
  }),
  z.object({
    type: z.literal("claim.submitted"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({ changes: ZChanges }),
  }),
  z.object({
    type: z.literal("claim.graded"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({ version: z.number(), changes: ZChanges }),
  }),
  z.object({
    type: z.literal("claim.assigned"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({ version: z.number(), changes: ZChanges }),
  }),
  z.object({
    type: z.literal("evidence.added"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({
      claimId: z.string(),
      intake: z.enum(["upload", "resumable", "capture"]),
      sha256: z.string().nullable(),
      size: z.number().nullable(),
      mediaType: z.string().nullable(),
      originalFilename: z.string().nullable(),
      sourceUrl: z.string().nullable(),
      publishedBySourceId: z.string().nullable().optional(),
      obtainedViaSourceId: z.string().nullable().optional(),
      isFirstHand: z.boolean().optional(),
    }),
  }),
  z.object({
    type: z.literal("evidence.derived"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({ derivation: z.string(), outcome: z.enum(["done", "failed", "skipped"]), detail: z.unknown().optional() }),
  }),
  z.object({
    type: z.literal("evidence.captured"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({ sha256: z.string(), size: z.number(), mediaType: z.string(), status: z.number(), finalUrl: z.string() }),
  }),
  z.object({
    type: z.literal("evidence.downloaded"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({ sha256: z.string(), via: z.enum(["web", "api"]) }),
  }),
  z.object({
    type: z.literal("evidence.sensitivity_marked"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({ version: z.number(), changes: ZChanges }),
  }),
  z.object({
    type: z.enum(["source.created", "source.updated"]),
    entity: z.object({ type: z.literal("source"), id: z.string() }),
    data: z.object({ version: z.number(), changes: ZChanges }),
  }),
  z.object({
    type: z.literal("source.citation_added"),
    entity: z.object({ type: z.literal("source"), id: z.string() }),
    data: z.object({ citesSourceId: z.string() }),
  }),
  z.object({
    type: z.literal("evidence.sources_set"),
    entity: z.object({ type: z.literal("evidence"), id: z.string() }),
    data: z.object({ version: z.number(), changes: ZChanges }),
  }),
  z.object({
    type: z.literal("claim.assessed"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({ evidenceId: z.string(), changes: ZChanges }),
  }),
  z.object({
    type: z.literal("claim.transitioned"),
    entity: z.object({ type: z.literal("claim"), id: z.string() }),
    data: z.object({
      action: z.string(),
      from: z.enum(CLAIM_STATES),
      to: z.enum(CLAIM_STATES),
      version: z.number(),
      reason: z.string().optional(),
      targetId: z.string().optional(),
      entryVersion: z.number().optional(),
      changes: ZChanges,
    }),
  }),
]);

export type TAuditEventBody = z.infer<typeof ZAuditEventBody>;
export type TAuditEventType = TAuditEventBody["type"];

/** The fields that differ between two objects, as before/after pairs. */
export function diffFields<T extends Record<string, unknown>>(before: Partial<T>, after: Partial<T>) {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[key] ?? null;
    const a = after[key] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes[key] = { before: b, after: a };
  }
  return changes;
}
