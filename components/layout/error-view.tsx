"use client";

import { useTranslations } from "next-intl";

/** What a page that failed shows (each part's error.tsx): calm, and a way to try again. */
export function ErrorView({ reset }: { reset: () => void }) {
  const t = useTranslations("errorPage");
  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1>{t("title")}</h1>
      <p className="mt-2 text-stone-600">{t("body")}</p>
      <button type="button" onClick={reset} className="mt-6 rounded-md border border-stone-300 bg-white px-4 py-2 text-sm">
        {t("retry")}
      </button>
    </main>
  );
}
