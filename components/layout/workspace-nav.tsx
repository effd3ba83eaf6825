import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { signOutAction } from "@/app/(auth)/login/actions";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { type Actor, can } from "@/lib/auth/permissions";
import { languageOf, PRODUCT_NAME } from "@/lib/i18n/locales";

export function WorkspaceNav({ actor }: { actor: Actor }) {
  const t = useTranslations("nav");
  const roles = useTranslations("roles");
  const links = [
    can(actor, "claims.read_all") ? { href: "/claims", label: t("queue") } : null,
    can(actor, "claims.submit") ? { href: "/my-submissions", label: t("mySubmissions") } : null,
    can(actor, "claims.submit") ? { href: "/claims/new", label: t("submit") } : null,
    can(actor, "sources.read") ? { href: "/sources", label: t("sources") } : null,
    can(actor, "persons.add") ? { href: "/persons", label: t("persons") } : null,
    { href: "/figures", label: t("figures") },
    can(actor, "audit.verify") ? { href: "/admin/audit", label: t("audit") } : null,
    can(actor, "users.manage") ? { href: "/admin/users", label: t("people") } : null,
    can(actor, "users.manage") ? { href: "/admin/security", label: t("security") } : null,
  ].filter((l): l is { href: string; label: string } => l !== null);
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-3">
        <Link href="/claims" className="font-semibold tracking-wide text-stone-900 no-underline">
          {PRODUCT_NAME}
        </Link>
        <nav aria-label={t("label")} className="flex flex-1 flex-wrap gap-x-3.5 gap-y-1 text-sm">
          {links.map((l) => (
            <Link key={l.href} href={l.href} className="text-stone-700 hover:text-teal-800">
              {l.label}
            </Link>
          ))}
        </nav>
        <div className="flex flex-wrap items-center gap-3 text-sm text-stone-600">
          <Link href="/" className="text-stone-700 hover:text-teal-800">{t("publicSite")}</Link>
          <Link href="/settings" className="text-stone-700 hover:text-teal-800">{t("settings")}</Link>
          <span data-testid="signed-in-as">
            <bdi>{actor.name}</bdi> <span className="text-stone-400">·</span> {roles(actor.role)}
          </span>
          <form action={signOutAction}>
            <button type="submit" className="text-teal-800 hover:underline">
              {t("signOut")}
            </button>
          </form>
          <LanguageSwitch current={languageOf(useLocale())} />
        </div>
      </div>
    </header>
  );
}
