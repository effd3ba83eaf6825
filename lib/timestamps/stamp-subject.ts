import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { timeStamps } from "@/db/schema";
import type { TimeStampConfig } from "./config";
import { requestTimeStamp } from "./request-token";

export const TIME_STAMP_SUBJECTS = ["chain", "event", "evidence"] as const;
export type TimeStampSubject = (typeof TIME_STAMP_SUBJECTS)[number];

/** What one token is asked for: a hash, and what it is the hash of. */
export type StampTarget = { subject: TimeStampSubject; imprint: string; seq: number | null; evidenceId: string | null };

/**
 * Stamp one hash, once: a hash stamped already is left as it is (unique subject and imprint), a
 * new token is asked for and checked (./request-token.ts), and only then is one row written. A
 * failure leaves nothing behind; the job that asked tries again later.
 * Answers whether a token was stored now.
 */
export async function stampTarget(db: Db, config: TimeStampConfig, target: StampTarget): Promise<boolean> {
  if (await isStamped(db, target)) return false;
  const granted = await requestTimeStamp(config, target.imprint);
  const stored = await db
    .insert(timeStamps)
    .values({ subjectType: target.subject, imprint: target.imprint, seq: target.seq, evidenceId: target.evidenceId, ...granted })
    .onConflictDoNothing()
    .returning({ id: timeStamps.id });
  return stored.length > 0;
}

async function isStamped(db: Db, target: StampTarget): Promise<boolean> {
  const [row] = await db
    .select({ id: timeStamps.id })
    .from(timeStamps)
    .where(and(eq(timeStamps.subjectType, target.subject), eq(timeStamps.imprint, target.imprint)))
    .limit(1);
  return !!row;
}
