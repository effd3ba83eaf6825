import Link from "next/link";

/**
 * For an address that matches no route, Next renders this as a page of its own (`/_not-found`).
 * Rendered per request, its scripts carry the request's CSP nonce; cached, they would keep the
 * first visitor's nonce and be refused for everyone after (proxy.ts). Not `connection()`: a cached
 * entry page that finds no entry renders this too, and must stay cacheable.
 */
export const dynamic = "force-dynamic";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1>Not found</h1>
      <p className="mt-2 text-stone-600">There is nothing here, or it is not yours to see.</p>
      <p className="mt-6"><Link href="/">Go to the public entries</Link></p>
    </main>
  );
}
