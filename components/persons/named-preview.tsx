import { useTranslations } from "next-intl";
import { useVocabulary } from "@/components/ui/speech";
import type { PersonRole } from "@/lib/vocabulary";

/**
 * Who publishing would name, before the editor publishes: only names marked publishable with a
 * basis are here; the rest stay private and are counted.
 */
export function NamedPreview({ named, privatePersons, claimId }: { named: { names: string[]; role: PersonRole }[]; privatePersons: number; claimId: string }) {
  const t = useTranslations("persons.preview");
  const words = useVocabulary();
  return (
    <section aria-labelledby="named-heading" className="space-y-2 rounded-lg border border-stone-200 bg-white p-5 text-sm" data-testid="named-preview">
      <h2 id="named-heading" className="text-lg">{t("heading")}</h2>
      {named.length ? (
        <ul className="list-disc space-y-1 ps-5">
          {named.map((p, i) => (
            <li key={i} data-testid="named-person">
              <bdi>{p.names.join(" / ")}</bdi> <span className="text-stone-600">({words.personRole(p.role)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("noOne")}</p>
      )}
      <p className="text-stone-700" data-testid="named-private-count">
        {t.rich("privateCount", { count: privatePersons, link: (chunks) => <a href={`/claims/${claimId}#persons-heading`}>{chunks}</a> })}
      </p>
    </section>
  );
}
