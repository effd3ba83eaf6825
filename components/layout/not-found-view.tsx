"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";

/** The page for an address with nothing at it, or nothing the reader may see. */
export function NotFoundView({ home, workspace = false }: { home: string; workspace?: boolean }) {
  const t = useTranslations("notFound");
  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1>{t("title")}</h1>
      <p className="mt-2 text-stone-600">{t("body")}</p>
      <p className="mt-6"><Link href={home}>{workspace ? t("workspaceHome") : t("home")}</Link></p>
    </main>
  );
}
