import { useTranslations } from "next-intl";
import { Bidi } from "@/components/ui/bidi";

/** New recovery codes, shown once, with the warning to keep them now. */
export function RecoveryCodes({ codes }: { codes: readonly string[] }) {
  const t = useTranslations("twoFactor.recovery");
  return (
    <section className="space-y-3 rounded-md border border-amber-200 bg-amber-50 p-4" aria-label={t("listLabel")} data-testid="recovery-codes">
      <p className="text-sm font-medium text-amber-950">{t("shownOnce")}</p>
      <ol className="grid grid-cols-2 gap-x-6 gap-y-1 font-mono text-sm text-stone-900">
        {codes.map((code) => (
          <li key={code}>
            <Bidi data-testid="recovery-code">{code}</Bidi>
          </li>
        ))}
      </ol>
    </section>
  );
}
