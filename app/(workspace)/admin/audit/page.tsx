import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { type AuditFilterValues, AuditFilters } from "@/components/audit/audit-filters";
import { AuditTimeline } from "@/components/audit/timeline";
import { Bidi } from "@/components/ui/bidi";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/pager";
import { describeAuditEntities, listAuditPeople } from "@/lib/audit/entity-titles";
import { listAuditEvents } from "@/lib/audit/list-events";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { can } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { pageContext } from "@/lib/server/doors";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

/** A parameter as the form sends it: an empty field is no filter; a repeated one is not read. */
const one = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

export default async function AuditPage({ searchParams }: {
  searchParams: Promise<{ actor?: string; type?: string; entity?: string; from?: string; to?: string; order?: string; cursor?: string }>;
}) {
  const { db, actor } = await pageContext("/admin/audit");
  const t = await getTranslations("audit");
  if (!can(actor, "audit.verify")) {
    return <EmptyState title={t("notAllowed")} />;
  }
  const search = await searchParams;
  const filters: AuditFilterValues = {
    actor: one(search.actor),
    type: one(search.type),
    entity: one(search.entity),
    from: one(search.from),
    to: one(search.to),
    order: one(search.order),
  };
  const cursor = one(search.cursor);
  const [verification, people, listed] = await Promise.all([
    verifyAuditChain(db, actor),
    listAuditPeople(db, actor),
    listAuditEvents(db, actor, { ...filters, cursor, limit: 50 } as never).then(
      (page) => ({ page, problems: null }),
      (error: unknown) => {
        if (!isAppError(error)) throw error;
        const problems = Object.entries(error.details.fieldErrors ?? {}).map(([field, messages]) =>
          t("problem", { field: t.has(`word.filterField.${field}` as never) ? t(`word.filterField.${field}` as never) : field, message: messages.join(" ") }),
        );
        return { page: { items: [], nextCursor: null, prevCursor: null }, problems: problems.length ? problems : [error.message] };
      },
    ),
  ]);
  const { page: events, problems } = listed;
  const entities = await describeAuditEntities(db, actor, events.items.map((e) => e.entity));
  const newestFirst = (filters.order ?? (filters.entity ? "asc" : "desc")) === "desc";
  const filtered = Object.values(filters).some(Boolean);
  return (
    <div className="space-y-6">
      <div>
        <h1>{t("title")}</h1>
        <p className="text-sm text-stone-600">{t("intro")}</p>
      </div>
      <section
        data-testid="chain-verification"
        className={`rounded-lg border p-5 ${verification.ok ? "border-emerald-200 bg-emerald-50" : "border-rose-300 bg-rose-50"}`}
      >
        <h2 className={verification.ok ? "text-emerald-950" : "text-rose-950"}>
          {verification.ok ? t("chain.verifies") : t("chain.broken")}
        </h2>
        <p className="mt-1 text-sm">
          {verification.ok
            ? t("chain.allHold", { count: verification.events })
            : t("chain.firstBroken", { seq: String(verification.firstBroken), problem: String(verification.problem) })}
        </p>
        <p className="mt-3 text-xs text-stone-600">{t("chain.headHash")}</p>
        <p className="break-all font-mono text-sm" data-testid="head-hash"><Bidi>{verification.head}</Bidi></p>
        <p className="mt-2 text-xs text-stone-600">
          {t.rich("chain.also", {
            api: "GET /api/v1/audit/verify",
            cli: "npm run audit:verify",
            code: (chunks) => <code dir="ltr">{chunks}</code>,
          })}
        </p>
      </section>
      <section className="space-y-3">
        <h2>{t("events", { order: newestFirst ? "desc" : "asc" })}</h2>
        <AuditFilters values={filters} people={people} />
        {problems ? (
          <div role="alert" data-testid="audit-filter-error" className="rounded-md border border-rose-300 bg-rose-50 p-3 text-sm text-rose-950">
            <p>{t("badFilters")}</p>
            <ul className="list-disc ps-5">{problems.map((p) => <li key={p} dir="auto">{p}</li>)}</ul>
          </div>
        ) : events.items.length === 0 ? (
          <EmptyState title={filtered || cursor ? t("noMatch") : t("none")} />
        ) : (
          <AuditTimeline events={events.items} showEntity entities={entities} />
        )}
        <Pager basePath="/admin/audit" params={filters} nextCursor={events.nextCursor} prevCursor={events.prevCursor} isFirstPage={!cursor} />
      </section>
    </div>
  );
}
