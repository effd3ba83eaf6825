import Link from "next/link";
import { useTranslations } from "next-intl";
import { Bidi } from "@/components/ui/bidi";
import type { DisclosureBasis } from "@/lib/publishing/disclosure";
import type { Disclosure } from "@/lib/vocabulary";

/**
 * How publishing would name each item, before anything goes out: its hash, its commitment, or
 * nothing, and why (lib/publishing/disclosure.ts). Each links to its item, where an editor may
 * choose otherwise.
 */
export function FingerprintPreview({ items }: { items: { id: string; name: string | null; disclosure: Disclosure; basis: DisclosureBasis }[] }) {
  const t = useTranslations("evidence.fingerprint");
  return (
    <section aria-labelledby="fingerprints-heading" className="space-y-2 rounded-lg border border-stone-200 bg-white p-5 text-sm" data-testid="fingerprint-preview">
      <h2 id="fingerprints-heading" className="text-lg">{t("previewHeading")}</h2>
      {items.length ? (
        <ul className="space-y-1">
          {items.map((item) => (
            <li key={item.id} data-testid="fingerprint-item" data-disclosure={item.disclosure}>
              <Link href={`/evidence/${item.id}`}>{item.name ? <Bidi>{item.name}</Bidi> : t("unnamed")}</Link>
              {" · "}
              <span className="font-medium">{t(`as.${item.disclosure}`)}</span>
              <span className="text-stone-600"> — {t(`basis.${item.basis}`)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("noItems")}</p>
      )}
    </section>
  );
}
