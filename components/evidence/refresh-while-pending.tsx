"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect } from "react";

/** While derivations or a capture are still running, re-read the page every few seconds. */
export function RefreshWhilePending({ pending }: { pending: boolean }) {
  const t = useTranslations("evidence");
  const router = useRouter();
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => router.refresh(), 3000);
    return () => clearInterval(timer);
  }, [pending, router]);
  return pending ? (
    <p role="status" className="text-xs text-stone-500">
      {t("refreshing")}
    </p>
  ) : null;
}
