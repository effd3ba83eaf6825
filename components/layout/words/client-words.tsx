"use client";

import dynamic from "next/dynamic";
import type { ReactNode } from "react";
import type { ClientPart } from "@/lib/i18n/client-namespaces";
import type { Locale } from "@/lib/i18n/locales";

// Each a chunk of its own (a server component's imports would all share one): a page loads its
// root's words in its own language, and the sign-in page never the workspace's.
const PROVIDERS = {
  workspace: {
    en: dynamic(() => import("./workspace-en").then((m) => m.WorkspaceWordsEn)),
    ar: dynamic(() => import("./workspace-ar").then((m) => m.WorkspaceWordsAr)),
  },
  auth: {
    en: dynamic(() => import("./auth-en").then((m) => m.AuthWordsEn)),
    ar: dynamic(() => import("./auth-ar").then((m) => m.AuthWordsAr)),
  },
} satisfies Record<ClientPart, Record<Locale, unknown>>;

/** The client components' words of a root (`part`) in a language, for everything inside. */
export function ClientWords({ part, language, locale, children }: { part: ClientPart; language: Locale; locale: string; children: ReactNode }) {
  const Provider = PROVIDERS[part][language];
  return <Provider locale={locale}>{children}</Provider>;
}
