"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1>Something went wrong</h1>
      <p className="mt-2 text-stone-600">It has been logged. Try again, or come back in a moment.</p>
      <button type="button" onClick={reset} className="mt-6 rounded-md border border-stone-300 bg-white px-4 py-2 text-sm">
        Try again
      </button>
    </main>
  );
}
