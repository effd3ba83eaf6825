import { and, isNotNull, isNull } from "drizzle-orm";
import { evidence } from "@/db/schema";

/**
 * The items that count for their claim (./status.ts): bytes stored and not withdrawn. A capture
 * still running or failed, and a withdrawn item, never make an origin, satisfy or hold up a guard,
 * or reach the public entry.
 */
export const countsForClaim = and(isNotNull(evidence.blobSha256), isNull(evidence.withdrawnAt))!;
