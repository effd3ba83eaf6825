import Link from "next/link";
import { signOutAction } from "@/app/(auth)/login/actions";
import { type Actor, can } from "@/lib/auth/permissions";

export function WorkspaceNav({ actor }: { actor: Actor }) {
  const links = [
    can(actor, "claims.read_all") ? { href: "/claims", label: "Review queue" } : null,
    can(actor, "claims.submit") ? { href: "/my-submissions", label: "My submissions" } : null,
    can(actor, "claims.submit") ? { href: "/claims/new", label: "Submit a claim" } : null,
    can(actor, "sources.read") ? { href: "/sources", label: "Sources" } : null,
    can(actor, "persons.add") ? { href: "/persons", label: "Persons" } : null,
    { href: "/figures", label: "Figures" },
    can(actor, "audit.verify") ? { href: "/admin/audit", label: "Audit log" } : null,
  ].filter((l): l is { href: string; label: string } => l !== null);
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-3">
        <Link href="/claims" className="font-semibold tracking-wide text-stone-900 no-underline">
          Corroborate
        </Link>
        <nav aria-label="Workspace" className="flex flex-1 flex-wrap gap-x-3.5 gap-y-1 text-sm">
          {links.map((l) => (
            <Link key={l.href} href={l.href} className="text-stone-700 hover:text-teal-800">
              {l.label}
            </Link>
          ))}
        </nav>
        <div className="flex items-center gap-3 text-sm text-stone-600">
          <Link href="/" className="text-stone-700 hover:text-teal-800">Public site</Link>
          <Link href="/settings" className="text-stone-700 hover:text-teal-800">Settings</Link>
          <span data-testid="signed-in-as">
            {actor.name} <span className="text-stone-400">·</span> {actor.role}
          </span>
          <form action={signOutAction}>
            <button type="submit" className="text-teal-800 hover:underline">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
