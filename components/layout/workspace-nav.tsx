import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { MenuPanel } from "@/components/layout/menu-panel";
import { SignOutForm } from "@/components/layout/sign-out-form";
import { type Actor, can } from "@/lib/auth/permissions";
import { languageOf, PRODUCT_NAME } from "@/lib/i18n/locales";
import { UNREAD_CAP } from "@/lib/notifications/defaults";

/** The workspace header; `unread`: how many of the person's notifications are unread (up to UNREAD_CAP). */
export function WorkspaceNav({ actor, unread }: { actor: Actor; unread: number }) {
  const t = useTranslations("nav");
  const format = useFormatter();
  const roles = useTranslations("roles");
  const links = [
    can(actor, "claims.read_all") ? { href: "/claims", label: t("queue") } : null,
    can(actor, "claims.submit") ? { href: "/my-submissions", label: t("mySubmissions") } : null,
    can(actor, "claims.submit") ? { href: "/claims/new", label: t("submit") } : null,
    can(actor, "incidents.read") ? { href: "/incidents", label: t("incidents") } : null,
    can(actor, "sources.read") ? { href: "/sources", label: t("sources") } : null,
    can(actor, "persons.add") ? { href: "/persons", label: t("persons") } : null,
    { href: "/figures", label: t("figures") },
    can(actor, "audit.verify") ? { href: "/admin/audit", label: t("audit") } : null,
    can(actor, "users.manage") ? { href: "/admin/users", label: t("people") } : null,
    can(actor, "users.manage") ? { href: "/admin/security", label: t("security") } : null,
    can(actor, "settings.notifications") ? { href: "/admin/notifications", label: t("notifications") } : null,
    can(actor, "time_stamps.read") ? { href: "/admin/time-stamps", label: t("timeStamps") } : null,
  ].filter((l): l is { href: string; label: string } => l !== null);
  const item = "flex min-h-11 items-center rounded-md px-2 text-stone-700 hover:bg-stone-100 hover:text-teal-800 md:min-h-0 md:px-0 md:hover:bg-transparent";
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-2 md:py-3">
        <Link href="/claims" className="font-semibold tracking-wide text-stone-900 no-underline">
          {PRODUCT_NAME}
        </Link>
        <MenuPanel label={t("menuLabel")} openLabel={t("menu")} closeLabel={t("closeMenu")} alert={unread > 0 ? t("inboxUnreadCount", { count: unread }) : undefined}>
          <nav aria-label={t("label")} className="flex flex-col text-base md:flex-1 md:flex-row md:flex-wrap md:gap-x-3.5 md:gap-y-1 md:text-sm">
            {links.map((l) => (
              <Link key={l.href} href={l.href} className={item}>
                {l.label}
              </Link>
            ))}
          </nav>
          <div className="flex flex-col border-t border-stone-100 pt-1 text-base text-stone-600 md:flex-row md:flex-wrap md:items-center md:gap-3 md:border-0 md:pt-0 md:text-sm">
            {/* Named by what it shows ("Inbox 3"), then in words for a screen reader ("… unread notifications"). */}
            <Link href="/inbox" className={item} data-testid="inbox-link">
              {t("inbox")}
              {unread > 0 ? (
                <>
                  {" "}
                  <span className="ms-1.5 rounded-full bg-teal-800 px-1.5 py-0.5 text-xs font-medium text-white" data-testid="unread-count">
                    {unread >= UNREAD_CAP ? `${format.number(UNREAD_CAP - 1)}+` : format.number(unread)}
                  </span>
                  <span className="sr-only"> {t("inboxUnread", { count: unread })}</span>
                </>
              ) : null}
            </Link>
            <Link href="/" className={item}>{t("publicSite")}</Link>
            <Link href="/settings" className={item}>{t("settings")}</Link>
            <span data-testid="signed-in-as" className="px-2 py-2 text-sm md:px-0 md:py-0">
              <bdi>{actor.name}</bdi> <span className="text-stone-400">·</span> {roles(actor.role)}
            </span>
            <div className="flex items-center justify-between gap-3 px-2 py-1 md:contents">
              <SignOutForm label={t("signOut")} />
              <LanguageSwitch current={languageOf(useLocale())} />
            </div>
          </div>
        </MenuPanel>
      </div>
    </header>
  );
}
