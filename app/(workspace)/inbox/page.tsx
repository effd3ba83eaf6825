import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { InboxList } from "@/components/notifications/inbox-list";
import { MarkReadButton } from "@/components/notifications/mark-read-button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormMessage } from "@/components/ui/form";
import { Pager } from "@/components/ui/pager";
import { getSpeech } from "@/components/ui/speech-server";
import { listNotifications, UNREAD_CAP } from "@/lib/notifications/list-notifications";
import { INBOX_ORDERS, type InboxOrder } from "@/lib/notifications/schemas";
import { orRefusedQuery, pageContext } from "@/lib/server/doors";
import { CLAIM_STATES } from "@/lib/vocabulary";
import { markAllReadAction, markReadAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notifications.inbox");
  return { title: t("title") };
}

/** One's notifications: unread first or newest first, a page at a time; mark one or all read. */
export default async function InboxPage({ searchParams }: { searchParams: Promise<{ order?: string; cursor?: string }> }) {
  const { db, actor } = await pageContext("/inbox");
  const { order: asked, cursor } = await searchParams;
  const order: InboxOrder = INBOX_ORDERS.includes(asked as InboxOrder) ? (asked as InboxOrder) : "unread";
  const [t, { words, formats }] = await Promise.all([getTranslations("notifications.inbox"), getSpeech()]);
  const { value: inbox, refused } = await orRefusedQuery(listNotifications(db, actor, { order, cursor }), { items: [], nextCursor: null, unread: 0 });
  const states = Object.fromEntries(CLAIM_STATES.map((state) => [state, words.state(state)]));
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1>{t("title")}</h1>
          <p className="mt-1 text-sm text-stone-600">{t("intro")}</p>
          <p className="mt-1 text-sm">
            <Link href="/settings#notifications-heading">{t("preferencesLink")}</Link>
          </p>
        </div>
        {inbox.unread > 0 ? <MarkReadButton submit={markAllReadAction} all /> : null}
      </div>
      {refused ? <FormMessage tone="error" message={refused} /> : null}
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <nav aria-label={t("orderLabel")} className="flex gap-3" data-testid="inbox-order">
          {INBOX_ORDERS.map((o) => (
            <Link key={o} href={`/inbox?order=${o}`} aria-current={o === order ? "page" : undefined} className={o === order ? "font-semibold text-stone-900 no-underline" : ""}>
              {t(`order.${o}`)}
            </Link>
          ))}
        </nav>
        <span className="text-stone-600" data-testid="inbox-unread">{inbox.unread >= UNREAD_CAP ? t("unreadCapped") : t("unreadCount", { count: inbox.unread })}</span>
      </div>
      {inbox.items.length === 0 ? (
        <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>
      ) : (
        <InboxList items={inbox.items.map((notification) => ({ notification, when: formats.dateTime(notification.createdAt), markRead: markReadAction.bind(null, notification.id) }))} states={states} />
      )}
      <Pager basePath="/inbox" params={{ order }} nextCursor={inbox.nextCursor} isFirstPage={!cursor} />
    </div>
  );
}
