import Link from "next/link";
import { useTranslations } from "next-intl";
import { GradeBadge, StateBadge } from "@/components/ui/badges";
import { useFormats, useVocabulary } from "@/components/ui/speech";
import type { ClaimDto } from "@/lib/claims/dto";

export function ClaimTable({ claims, showSubmitter = true }: { claims: ClaimDto[]; showSubmitter?: boolean }) {
  const t = useTranslations("claims.table");
  const words = useVocabulary();
  const formats = useFormats();
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
      <table className="min-w-full divide-y divide-stone-200 text-sm">
        <thead className="bg-stone-50 text-start text-xs font-medium uppercase tracking-wide text-stone-500">
          <tr>
            <th scope="col" className="px-4 py-2">{t("claim")}</th>
            <th scope="col" className="px-4 py-2">{t("kind")}</th>
            <th scope="col" className="px-4 py-2">{t("state")}</th>
            <th scope="col" className="px-4 py-2">{t("grade")}</th>
            {showSubmitter ? <th scope="col" className="px-4 py-2">{t("submittedBy")}</th> : null}
            <th scope="col" className="px-4 py-2">{t("submitted")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {claims.map((c) => (
            <tr key={c.id} className="align-top hover:bg-stone-50" data-testid="claim-row">
              <td className="max-w-md px-4 py-3">
                <Link href={`/claims/${c.id}`} className="font-medium text-stone-900">
                  <bdi>{c.title}</bdi>
                </Link>
                {c.place.name ? <div className="mt-0.5 text-xs text-stone-500"><bdi>{c.place.name}</bdi></div> : null}
              </td>
              <td className="whitespace-nowrap px-4 py-3 text-stone-700">{words.kind(c.kind)}</td>
              <td className="whitespace-nowrap px-4 py-3" data-testid="claim-state"><StateBadge state={c.state} /></td>
              <td className="whitespace-nowrap px-4 py-3"><GradeBadge grade={c.grade} /></td>
              {showSubmitter ? <td className="whitespace-nowrap px-4 py-3 text-stone-700"><bdi>{c.submitter.name}</bdi></td> : null}
              <td className="whitespace-nowrap px-4 py-3 text-stone-600">{formats.dateTime(c.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
