"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";

/**
 * Keyset pagination: on to the next page, and back, to the previous page where the list can say
 * where that starts (`prevCursor`), else to the first. A client component, so that on a public page
 * its words come in the address's language (the provider's) without reading the request; its
 * arrows are in the messages, pointing the way the page reads.
 */
export function Pager({ basePath, params, nextCursor, prevCursor, isFirstPage }: {
  basePath: string;
  params: Record<string, string | undefined>;
  nextCursor: string | null;
  prevCursor?: string | null;
  isFirstPage: boolean;
}) {
  const t = useTranslations("ui.pager");
  const href = (cursor?: string) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== "cursor") search.set(k, v);
    if (cursor) search.set("cursor", cursor);
    const s = search.toString();
    return s ? `${basePath}?${s}` : basePath;
  };
  if (isFirstPage && !nextCursor) return null;
  return (
    <nav aria-label={t("label")} className="mt-4 flex items-center justify-between text-sm">
      {isFirstPage ? (
        <span />
      ) : (
        <span className="flex gap-4">
          <Link href={href()}>{t("first")}</Link>
          {prevCursor ? <Link href={href(prevCursor)} rel="prev">{t("previous")}</Link> : null}
        </span>
      )}
      {nextCursor ? <Link href={href(nextCursor)} rel="next">{t("next")}</Link> : <span className="text-stone-500">{t("end")}</span>}
    </nav>
  );
}
