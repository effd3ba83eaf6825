"use client";

/**
 * When a part's layout itself fails there is no document and no catalogue left to speak with:
 * this says it in both languages.
 */
export default function GlobalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <html lang="ar" dir="rtl">
      <body className="min-h-screen">
        <main className="mx-auto max-w-xl px-4 py-24 text-center">
          <h1>حدث خطأ</h1>
          <p lang="en" dir="ltr" className="mt-2">Something went wrong.</p>
          <button type="button" onClick={reset} className="mt-6 rounded-md border border-stone-300 bg-white px-4 py-2 text-sm">
            إعادة المحاولة · <span lang="en">Try again</span>
          </button>
        </main>
      </body>
    </html>
  );
}
