import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** A message the test's SMTP server received: its envelope's recipients, subject and decoded text. */
export type ReceivedMail = { to: string[]; subject: string; text: string };

export type TestSmtp = {
  url: string;
  received: ReceivedMail[];
  /** The first message to `to` (after `since` messages) matching `subject`, waiting for it up to `timeoutMs`. */
  waitForMail: (to: string, subject: RegExp, { since, timeoutMs }?: { since?: number; timeoutMs?: number }) => Promise<ReceivedMail>;
  close: () => Promise<void>;
};

function decodeBody(headers: string, body: string): string {
  const encoding = /^content-transfer-encoding:\s*([\w-]+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding !== "quoted-printable") return body;
  const soft = body.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** A plain-text message as nodemailer writes it: headers, a blank line, the body in its transfer encoding. */
function parseMessage(raw: string): { subject: string; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  // An encoded word (=?utf-8?B?…?= or Q) for a subject that is not ASCII, such as an Arabic one.
  const subject = (/^subject:\s*(.*)$/im.exec(headers)?.[1] ?? "").replace(/=\?utf-8\?([QB])\?(.*?)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : decodeBody("content-transfer-encoding: quoted-printable", text.replace(/_/g, " ")),
  );
  return { subject, text: decodeBody(headers, raw.slice(split + 4)).replace(/\r\n/g, "\n") };
}

/** A real SMTP server in the test's process, on loopback, without TLS or authentication; it keeps every message. */
export async function startSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), ...parseMessage(Buffer.concat(chunks).toString("utf8")) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitForMail(to, subject, { since = 0, timeoutMs = 20_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.slice(since).find((m) => m.to.includes(to.toLowerCase()) && subject.test(m.subject));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${subject} in ${timeoutMs} ms; received: ${JSON.stringify(received.map((m) => [m.to, m.subject]))}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
