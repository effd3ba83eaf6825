import { useTranslations } from "next-intl";

const STYLE: Record<string, string> = {
  pending: "bg-amber-50 text-amber-900 ring-amber-200",
  done: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  failed: "bg-rose-50 text-rose-900 ring-rose-200",
  skipped: "bg-stone-100 text-stone-700 ring-stone-300",
};

export function ProcessingBadges({ processing }: { processing: Record<string, string> }) {
  const t = useTranslations("evidence.processing");
  // A step or state the catalogue does not name (a new derivation) is shown as itself.
  const word = (group: "step" | "state", value: string) => (t.has(`${group}.${value}` as never) ? t(`${group}.${value}` as never) : value);
  return (
    <ul className="flex flex-wrap gap-1" aria-label={t("label")}>
      {Object.entries(processing).map(([step, state]) => (
        <li key={step} className={`rounded-full px-2 py-0.5 text-[11px] ring-1 ring-inset ${STYLE[state] ?? STYLE.skipped}`} data-testid={`processing-${step}`}>
          {t("badge", { step: word("step", step), state: word("state", state) })}
        </li>
      ))}
    </ul>
  );
}

export function isProcessing(processing: Record<string, string>) {
  return Object.values(processing).includes("pending");
}

/** The steps apart from the capture's: once an item's status line says how its capture stands (lib/evidence/status.ts), its badge would only repeat it. */
export function withoutCaptureStep(processing: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(processing).filter(([step]) => step !== "capture"));
}
