import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { InviteForm } from "@/components/people/people-forms";
import { StatusBadge } from "@/components/people/status-badge";
import { Bidi } from "@/components/ui/bidi";
import { EmptyState } from "@/components/ui/empty-state";
import { FormMessage, inputClass } from "@/components/ui/form";
import { Pager } from "@/components/ui/pager";
import { can } from "@/lib/auth/permissions";
import { orRefusedQuery, pageContext } from "@/lib/server/doors";
import { listUsers } from "@/lib/users/list-users";
import { USER_STATUSES } from "@/lib/vocabulary";
import { inviteAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("people");
  return { title: t("title") };
}

const one = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

export default async function PeoplePage({ searchParams }: { searchParams: Promise<{ q?: string; status?: string; cursor?: string }> }) {
  const { db, actor } = await pageContext("/admin/users");
  const [t, roles] = await Promise.all([getTranslations("people"), getTranslations("roles")]);
  if (!can(actor, "users.manage")) return <EmptyState title={t("notAllowed")} />;
  const search = await searchParams;
  const q = one(search.q);
  const status = USER_STATUSES.find((s) => s === search.status);
  const cursor = one(search.cursor);
  const { value: page, refused } = await orRefusedQuery(listUsers(db, actor, { q, status, cursor, limit: 50 }), { items: [], nextCursor: null });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1>{t("title")}</h1>
          <p className="max-w-3xl text-sm text-stone-600">{t("intro")}</p>
        </div>
        <Link href="/admin/outbox" className="text-sm text-teal-800 underline">{t("outboxLink")}</Link>
      </div>
      <InviteForm submit={inviteAction} />
      <section className="space-y-3">
        <form method="get" action="/admin/users" role="search" aria-label={t("search.label")} className="flex flex-wrap items-end gap-3">
          <div className="min-w-64 flex-1 space-y-1">
            <label htmlFor="people-q" className="block text-sm font-medium text-stone-800">{t("search.q")}</label>
            <input id="people-q" name="q" type="search" defaultValue={q ?? ""} dir="auto" className={inputClass} />
          </div>
          <div className="space-y-1">
            <label htmlFor="people-status" className="block text-sm font-medium text-stone-800">{t("search.status")}</label>
            <select id="people-status" name="status" defaultValue={status ?? ""} className={inputClass}>
              <option value="">{t("search.anyStatus")}</option>
              {USER_STATUSES.map((s) => (
                <option key={s} value={s}>{t(`status.${s}`)}</option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-800 shadow-sm hover:bg-stone-100">{t("search.submit")}</button>
          {q || status ? <Link href="/admin/users" className="py-2 text-sm text-teal-800 underline">{t("search.clear")}</Link> : null}
        </form>
        {refused ? <FormMessage tone="error" message={refused} /> : null}
        {page.items.length === 0 ? (
          <EmptyState title={t("none")} />
        ) : (
          <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
            <table className="w-full text-start text-sm" data-testid="people-table">
              <thead className="border-b border-stone-200 bg-stone-50 text-xs text-stone-600">
                <tr>
                  <th scope="col" className="px-4 py-2 text-start font-medium">{t("column.name")}</th>
                  <th scope="col" className="px-4 py-2 text-start font-medium">{t("column.email")}</th>
                  <th scope="col" className="px-4 py-2 text-start font-medium">{t("column.role")}</th>
                  <th scope="col" className="px-4 py-2 text-start font-medium">{t("column.status")}</th>
                  <th scope="col" className="px-4 py-2 text-start font-medium">{t("column.secondFactor")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {page.items.map((u) => (
                  <tr key={u.id}>
                    <td className="px-4 py-2">
                      <Link href={`/admin/users/${u.id}`} className="font-medium text-teal-900 hover:underline" dir="auto">{u.name}</Link>
                    </td>
                    <td className="px-4 py-2 text-stone-700"><Bidi>{u.email}</Bidi></td>
                    <td className="px-4 py-2">{roles(u.role)}</td>
                    <td className="px-4 py-2"><StatusBadge status={u.status} label={t(`status.${u.status}`)} /></td>
                    <td className="px-4 py-2 text-stone-700">{u.hasSecondFactor ? t("secondFactor.on") : t("secondFactor.off")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager basePath="/admin/users" params={{ q, status }} nextCursor={page.nextCursor} isFirstPage={!cursor} />
      </section>
    </div>
  );
}
