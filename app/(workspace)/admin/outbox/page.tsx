import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Bidi } from "@/components/ui/bidi";
import { EmptyState } from "@/components/ui/empty-state";
import { FormMessage } from "@/components/ui/form";
import { Pager } from "@/components/ui/pager";
import { getSpeech } from "@/components/ui/speech-server";
import { can } from "@/lib/auth/permissions";
import { listOutbox } from "@/lib/mail/list-outbox";
import { orRefusedQuery, pageContext } from "@/lib/server/doors";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("people.outbox");
  return { title: t("title") };
}

/** The outbox: without SMTP_URL the messages themselves (the admin passes them on); with it, their delivery. */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const { db, actor } = await pageContext("/admin/outbox");
  const [t, people, { formats }] = await Promise.all([getTranslations("people.outbox"), getTranslations("people"), getSpeech()]);
  if (!can(actor, "users.manage")) return <EmptyState title={people("notAllowed")} />;
  const { cursor } = await searchParams;
  const { value: page, refused } = await orRefusedQuery(listOutbox(db, actor, { cursor: typeof cursor === "string" && cursor ? cursor : undefined, limit: 20 }), {
    delivered: false,
    items: [],
    nextCursor: null,
  });
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <Link href="/admin/users" className="text-sm text-teal-800 underline">{people("detail.back")}</Link>
      <div>
        <h1>{t("title")}</h1>
        <p className="text-sm text-stone-600">{page.delivered ? t("introDelivered") : t.rich("introKept", { code: (c) => <code dir="ltr">{c}</code> })}</p>
      </div>
      {refused ? <FormMessage tone="error" message={refused} /> : null}
      {page.items.length === 0 ? (
        <EmptyState title={t("none")} />
      ) : (
        <ol className="space-y-4" data-testid="outbox">
          {page.items.map((m) => (
            <li key={m.id} className="space-y-2 rounded-lg border border-stone-200 bg-white p-4" data-testid="outbox-message">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-medium text-stone-900" dir="auto">{m.subject}</p>
                <p className="text-xs text-stone-600">
                  {m.state === "sent" ? t("state.sent", { date: formats.dateTime(m.sentAt!) }) : m.state === "failed" ? t("state.failed", { attempts: m.attempts }) : t("state.waiting")}
                </p>
              </div>
              <p className="text-sm text-stone-700">{t("to")}: <Bidi>{m.to}</Bidi></p>
              <p className="text-xs text-stone-500">
                {t("queued", { date: formats.dateTime(m.createdAt) })} · {t("attempts", { attempts: m.attempts })}
              </p>
              {m.lastError ? <p className="text-xs text-rose-800">{t("lastError", { error: m.lastError })}</p> : null}
              {m.text ? <pre dir="auto" className="whitespace-pre-wrap break-words rounded-md bg-stone-50 p-3 font-sans text-sm text-stone-800">{m.text}</pre> : null}
            </li>
          ))}
        </ol>
      )}
      <Pager basePath="/admin/outbox" params={{}} nextCursor={page.nextCursor} isFirstPage={!cursor} />
    </div>
  );
}
