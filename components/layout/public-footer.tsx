import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Bidi } from "@/components/ui/bidi";
import type { Locale } from "@/lib/i18n/locales";
import { publicPath } from "@/lib/i18n/public-paths";
import { readPublicAuditHead } from "@/lib/publishing/public-cache";

/** Shows the audit chain's head so outsiders can pin it and later check the log has not changed. */
export async function PublicFooter({ locale }: { locale: Locale }) {
  const [head, t, format] = await Promise.all([readPublicAuditHead(), getTranslations({ locale, namespace: "publicFooter" }), getFormatter({ locale })]);
  return (
    <footer className="mt-16 border-t border-stone-200 bg-white">
      <div className="mx-auto max-w-4xl space-y-1 px-4 py-6 text-xs text-stone-600">
        <p>
          {t("promise")} <Link href={publicPath(locale, "/methodology")}>{t("howWeWork")}</Link> ·{" "}
          <a href="/api/v1/public/feed.atom">{t("feed")}</a> · <a href="/api/v1/public/entries.csv">{t("csv")}</a> ·{" "}
          <a href="/api/v1/public/export.zip">{t("dataset")}</a>
        </p>
        {head ? (
          <p>
            {t.rich("auditHead", {
              seq: head.seq,
              time: () => <time dateTime={head.readAt}>{format.dateTime(new Date(head.readAt), "dateTime")}</time>,
            })}{" "}
            <Bidi className="break-all font-mono" data-testid="public-head-hash">{head.hash}</Bidi>
          </p>
        ) : null}
      </div>
    </footer>
  );
}
