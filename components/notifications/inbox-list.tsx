import Link from "next/link";
import { useTranslations } from "next-intl";
import type { NotificationDto } from "@/lib/notifications/list-notifications";
import type { ActionState } from "@/lib/errors/action-state";
import { MarkReadButton } from "./mark-read-button";

export type InboxItem = { notification: NotificationDto; when: string; markRead: (state: ActionState) => Promise<ActionState> };

/**
 * The inbox's notifications: what happened (who did it, from the codes the notification keeps),
 * on which claim (its title only while the person may see it), when, and "Mark read" while unread.
 */
export function InboxList({ items, states }: { items: InboxItem[]; states: Record<string, string> }) {
  const t = useTranslations("notifications");
  const line = (n: NotificationDto) => {
    const actor = n.actor?.name ?? t("someone");
    const from = states[String(n.data.from)] ?? String(n.data.from ?? "");
    const to = states[String(n.data.to)] ?? String(n.data.to ?? "");
    if (n.kind === "watched_changed" && n.data.comment) return t("line.watched_commented", { actor });
    if (n.kind === "reminder") return t("line.reminder", { days: Number(n.data.days ?? 0) });
    return t(`line.${n.kind}`, { actor, from, to });
  };
  return (
    <ul aria-label={t("inbox.listLabel")} className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" data-testid="inbox-list">
      {items.map(({ notification: n, when, markRead }) => {
        const unread = n.readAt === null;
        return (
          <li key={n.id} className={`flex items-start gap-4 px-4 py-3 ${unread ? "bg-teal-50/60" : ""}`} data-testid="notification" data-kind={n.kind} data-unread={unread}>
            <div className="min-w-0 flex-1 space-y-1">
              <p className="text-sm text-stone-900" id={`notification-${n.id}`}>
                {unread ? <span className="me-2 rounded bg-teal-800 px-1.5 py-0.5 text-xs font-medium text-white">{t("inbox.unread")}</span> : null}
                <span className="font-medium">{t(`kind.${n.kind}`)}</span>
                <span className="text-stone-400"> · </span>
                <bdi>{line(n)}</bdi>
              </p>
              <p className="text-sm">
                {n.claim ? (
                  <Link href={`/claims/${n.claim.id}`} dir="auto" data-testid="notification-claim">{n.claim.title}</Link>
                ) : (
                  <span className="text-stone-500">{t("hiddenClaim")}</span>
                )}
                {n.data.evidenceId && n.claim ? <span className="text-stone-500"> — {t("inbox.onItem")}</span> : null}
              </p>
              <p className="text-xs text-stone-500"><time dateTime={n.createdAt}>{when}</time></p>
            </div>
            {unread ? <MarkReadButton submit={markRead} describedBy={`notification-${n.id}`} /> : null}
          </li>
        );
      })}
    </ul>
  );
}
