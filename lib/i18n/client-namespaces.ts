import type { Messages } from "./catalogues";

/**
 * The two React root layouts; each sends its own client components' words. The public site has
 * none: its pages are documents without script (lib/public-pages).
 */
export type ClientPart = "workspace" | "auth";

/**
 * The catalogue namespaces each root's client components ask for (`useTranslations` in a
 * "use client" file or what it imports). Only these travel to the browser: server components read
 * the whole catalogue on the server, and a reader signing in on a slow connection should not
 * download the workspace's words. The test beside this file walks the import graph and fails when the list
 * and the code part.
 */
export const CLIENT_NAMESPACES: Record<ClientPart, readonly string[]> = {
  workspace: [
    "claims", "comments.form", "comments.edit", "comments.delete", "errorPage", "evidence", "figures.form", "format", "importWizard", "incidents.form", "incidents.views", "incidents.words", "language", "live", "names", "notFound", "notifications",
    "origins.assess", "origins.provenance", "people.detail", "people.invite", "persons", "queue.views", "queue.work", "roles", "settings", "sources.form", "sources.kind", "twoFactor.confirm", "twoFactor.errors", "twoFactor.passkeys", "twoFactor.policy", "twoFactor.recovery", "twoFactor.totp", "ui", "vocab",
  ],
  auth: ["errorPage", "invite", "language", "signIn", "twoFactor.errors", "twoFactor.passkeys", "twoFactor.recovery", "twoFactor.totp", "twoFactor.verify", "ui"],
};

/** The part of a catalogue a root's client components need, with its meta. */
export function clientMessages(messages: Messages, part: ClientPart): Partial<Messages> {
  const out: Record<string, unknown> = { meta: messages.meta };
  for (const dotted of CLIENT_NAMESPACES[part]) {
    const steps = dotted.split(".");
    let from: Record<string, unknown> = messages as unknown as Record<string, unknown>;
    let to = out;
    for (const [i, step] of steps.entries()) {
      if (i === steps.length - 1) to[step] = from[step];
      else {
        from = from[step] as Record<string, unknown>;
        to = (to[step] ??= {}) as Record<string, unknown>;
      }
    }
  }
  return out as Partial<Messages>;
}
