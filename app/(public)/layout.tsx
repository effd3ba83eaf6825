import Link from "next/link";
import { PublicFooter } from "@/components/layout/public-footer";

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-4xl items-center justify-between px-4 py-4">
          <Link href="/" className="font-semibold tracking-wide text-stone-900 no-underline">
            Corroborate
          </Link>
          <nav aria-label="Site" className="flex items-center gap-4 text-sm">
            <Link href="/methodology">How we work</Link>
            {/* A full page load, not a client-side move: the workspace then starts in a document
                under the per-request nonce policy, not in a cached entry page's (lib/security). */}
            <a href="/login">Workspace sign-in</a>
          </nav>
        </div>
      </header>
      <main className="mx-auto max-w-4xl px-4 py-10">{children}</main>
      <PublicFooter />
    </>
  );
}
