import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClaimTable } from "@/components/claims/claim-table";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/form";
import { Pager } from "@/components/ui/pager";
import { listClaims } from "@/lib/claims/list-claims";
import { pageContext } from "@/lib/server/doors";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("submissions");
  return { title: t("title") };
}

export default async function MySubmissionsPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const { db, actor } = await pageContext("/my-submissions");
  const { cursor } = await searchParams;
  const t = await getTranslations("submissions");
  const result = await listClaims(db, actor, { mine: true, order: "newest", cursor }).catch(() => null);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1>{t("title")}</h1>
          <p className="text-sm text-stone-600">{t("intro")}</p>
        </div>
        <Link href="/claims/new" className={`${buttonClass.primary} no-underline hover:no-underline`}>
          {t("submit")}
        </Link>
      </div>
      {!result || result.items.length === 0 ? (
        <EmptyState title={t("empty")}>
          <Link href="/claims/new">{t("submitFirst")}</Link>
        </EmptyState>
      ) : (
        <>
          <ClaimTable claims={result.items} showSubmitter={false} />
          <Pager basePath="/my-submissions" params={{}} nextCursor={result.nextCursor} isFirstPage={!cursor} />
        </>
      )}
    </div>
  );
}
