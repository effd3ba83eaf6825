import Link from "next/link";
import { formatDateTime } from "@/components/ui/format";
import { readPublicAuditHead } from "@/lib/publishing/public-cache";

/** Shows the audit chain's head so outsiders can pin it and later check the log has not changed. */
export async function PublicFooter() {
  const head = await readPublicAuditHead();
  return (
    <footer className="mt-16 border-t border-stone-200 bg-white">
      <div className="mx-auto max-w-4xl space-y-1 px-4 py-6 text-xs text-stone-600">
        <p>
          Every published statement is traced to preserved, hashed evidence and reviewed by two people.{" "}
          <Link href="/methodology">How we work</Link> · <a href="/api/v1/public/feed.atom">Atom feed</a> ·{" "}
          <a href="/api/v1/public/entries.csv">CSV</a> · <a href="/api/v1/public/export.zip">Dataset (ZIP)</a>
        </p>
        {head ? (
          <p>
            Audit chain head (event #{head.seq}, computed <time dateTime={head.readAt}>{formatDateTime(head.readAt)}</time>):{" "}
            <span className="break-all font-mono" data-testid="public-head-hash">{head.hash}</span>
          </p>
        ) : null}
      </div>
    </footer>
  );
}
