import { useTranslations } from "next-intl";
import type { EvidenceStatus } from "@/lib/evidence/status";

/**
 * How an item stands, said once and plainly: "Capturing…" only while it is, the failure's reason,
 * or the withdrawal's. A held item says nothing here (its bytes and hash say it).
 */
export function EvidenceStatusNote({ status, captureError, withdrawalReason }: { status: EvidenceStatus; captureError: string | null; withdrawalReason: string | null }) {
  const t = useTranslations("evidence.status");
  if (status === "held") return null;
  const [style, text] =
    status === "capturing"
      ? ["bg-amber-50 text-amber-900 ring-amber-200", t("capturing")]
      : status === "failed"
        ? ["bg-rose-50 text-rose-900 ring-rose-200", t("failed", { reason: captureError ?? t("noReason") })]
        : ["bg-stone-100 text-stone-700 ring-stone-300", t("withdrawn", { reason: withdrawalReason ?? "" })];
  return (
    <p className={`rounded-md px-2 py-1 text-xs ring-1 ring-inset ${style}`} data-testid="evidence-status" data-status={status} dir="auto">
      {text}
      {status === "withdrawn" || status === "failed" ? <span className="text-stone-600"> {t("doesNotCount")}</span> : null}
    </p>
  );
}
