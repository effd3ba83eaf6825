import { SMTPServer } from "smtp-server";
import { freePort } from "./server";

/** A message as the test's SMTP server received it: the envelope's recipients, the subject and the plain text. */
export type ReceivedMail = { to: string[]; subject: string; text: string };

/** Quoted-printable (what nodemailer uses for long or non-ASCII lines), decoded as UTF-8. */
function decodeQuotedPrintable(body: string): string {
  const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, "%25"));
}

/** The subject and the plain-text body of a single-part message (the kind lib/mail sends). */
function parse(raw: string): { subject: string; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head)?.[1]?.trim() ?? "";
  const subject = header("Subject").replace(/=\?utf-8\?([QB])\?(.*?)\?=/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : decodeQuotedPrintable(text.replace(/_/g, " ")),
  );
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const text = encoding === "quoted-printable" ? decodeQuotedPrintable(body) : encoding === "base64" ? Buffer.from(body, "base64").toString("utf8") : body;
  return { subject, text };
}

/**
 * A real SMTP server on loopback, in the test's process (no TLS, no authentication): the app's
 * SMTP_URL points at it, and the test reads what arrives. `next` waits for a message to an address.
 */
export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const waiting: { to: string; resolve: (m: ReceivedMail) => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const mail = { to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), ...parse(Buffer.concat(chunks).toString("utf8")) };
        received.push(mail);
        for (const w of waiting.filter((w) => mail.to.includes(w.to))) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(mail);
        }
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** The first message to `to` not yet taken, waiting up to `timeoutMs` for it. */
    next(to: string, timeoutMs = 20_000): Promise<ReceivedMail> {
      const index = received.findIndex((m) => m.to.includes(to.toLowerCase()));
      if (index >= 0) return Promise.resolve(received.splice(index, 1)[0]);
      return new Promise((resolve, reject) => {
        const entry = { to: to.toLowerCase(), resolve: (m: ReceivedMail) => (clearTimeout(timer), received.splice(received.indexOf(m), 1), resolve(m)) };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(entry), 1);
          reject(new Error(`no mail to ${to} within ${timeoutMs} ms (received: ${received.map((m) => m.to.join(",")).join("; ") || "none"})`));
        }, timeoutMs);
        waiting.push(entry);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
