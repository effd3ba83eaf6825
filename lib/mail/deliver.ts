import "server-only";
import { and, asc, eq, isNull, lt, lte, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "@/db/connect";
import { mailOutbox } from "@/db/schema";
import { env } from "@/lib/env";
import { pause } from "@/lib/jobs/pause";

/** Tries per message; between them the wait doubles from a minute. */
export const MAX_MAIL_ATTEMPTS = 6;
const FIRST_RETRY_MS = 60 * 1000;
const BATCH = 20;

let told = false;

const transports = new Map<string, Transporter>();

/** The SMTP transport of a URL (one per URL, kept), its waits bounded: an SMTP server that hangs must not hold a request. */
function transporter(smtpUrl: string | undefined): Transporter | null {
  if (!smtpUrl) return null;
  let transport = transports.get(smtpUrl);
  if (!transport) {
    const url = new URL(smtpUrl);
    for (const [name, ms] of [["connectionTimeout", 10_000], ["greetingTimeout", 10_000], ["socketTimeout", 20_000]] as const) {
      if (!url.searchParams.has(name)) url.searchParams.set(name, String(ms));
    }
    transport = nodemailer.createTransport(url.toString(), { from: env.MAIL_FROM });
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/** Whether mail leaves this machine (SMTP_URL), or waits in the outbox for an admin to read. */
export function mailIsDelivered(): boolean {
  return !!env.SMTP_URL;
}

/**
 * Sends the messages that are due, a batch at a time, each claimed under a row lock (several
 * servers or a worker may run this at once; none sends a message twice). A sent message keeps its
 * envelope and loses its body, which may hold a one-time link. A failure is kept with its error
 * and tried again later. Without SMTP_URL nothing is sent, and the console says where to read them.
 * Answers how many were sent. `smtpUrl` is SMTP_URL unless a test gives its own server.
 */
export async function deliverDueMail(db: Db, { smtpUrl = env.SMTP_URL }: { smtpUrl?: string } = {}): Promise<number> {
  const smtp = transporter(smtpUrl);
  if (!smtp) {
    const [waiting] = await db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox).where(isNull(mailOutbox.sentAt));
    if (waiting?.n && !told) {
      told = true;
      console.log("[mail] SMTP_URL is not set: messages are kept in the outbox, where an admin reads them at /admin/outbox");
    }
    return 0;
  }
  let sent = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: mailOutbox.id, to: mailOutbox.to, subject: mailOutbox.subject, text: mailOutbox.text, attempts: mailOutbox.attempts })
        .from(mailOutbox)
        .where(and(isNull(mailOutbox.sentAt), lt(mailOutbox.attempts, MAX_MAIL_ATTEMPTS), lte(mailOutbox.nextAttemptAt, new Date())))
        .orderBy(asc(mailOutbox.createdAt))
        .limit(BATCH)
        .for("update", { skipLocked: true });
      // Claimed: pushed into the future, so another sender skips them while these are sent.
      for (const m of due) {
        await tx
          .update(mailOutbox)
          .set({ attempts: m.attempts + 1, nextAttemptAt: new Date(Date.now() + FIRST_RETRY_MS * 2 ** m.attempts) })
          .where(eq(mailOutbox.id, m.id));
      }
      return due;
    });
    if (batch.length === 0) return sent;
    for (const m of batch) {
      try {
        await smtp.sendMail({ to: m.to, subject: m.subject, text: m.text });
        await db.update(mailOutbox).set({ sentAt: new Date(), text: "", lastError: null }).where(eq(mailOutbox.id, m.id));
        sent += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        console.error(`[mail] sending "${m.subject}" failed (try ${m.attempts + 1} of ${MAX_MAIL_ATTEMPTS}): ${message}`);
        await db.update(mailOutbox).set({ lastError: message.slice(0, 500) }).where(eq(mailOutbox.id, m.id));
      }
    }
    if (batch.length < BATCH) return sent;
  }
}

/** Sends what is due every `everyMs` until `signal` aborts: retries, and mail queued outside a request (the command line). */
export async function runMailLoop(db: Db, signal: AbortSignal, { everyMs = 30_000 } = {}): Promise<void> {
  while (!signal.aborted) {
    await deliverDueMail(db).catch((error) => console.error("[mail]", error instanceof Error ? error.message : error));
    await pause(everyMs, signal);
  }
}
