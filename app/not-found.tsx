import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1>Not found</h1>
      <p className="mt-2 text-stone-600">There is nothing here, or it is not yours to see.</p>
      <p className="mt-6"><Link href="/">Go to the public entries</Link></p>
    </main>
  );
}
