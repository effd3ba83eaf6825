import Link from "next/link";

/**
 * Keyset pagination: on to the next page, and back, to the previous page where the list can say
 * where that starts (`prevCursor`), else to the first.
 */
export function Pager({ basePath, params, nextCursor, prevCursor, isFirstPage }: {
  basePath: string;
  params: Record<string, string | undefined>;
  nextCursor: string | null;
  prevCursor?: string | null;
  isFirstPage: boolean;
}) {
  const href = (cursor?: string) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== "cursor") search.set(k, v);
    if (cursor) search.set("cursor", cursor);
    const s = search.toString();
    return s ? `${basePath}?${s}` : basePath;
  };
  if (isFirstPage && !nextCursor) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
      {isFirstPage ? (
        <span />
      ) : (
        <span className="flex gap-4">
          <Link href={href()}>« First page</Link>
          {prevCursor ? <Link href={href(prevCursor)} rel="prev">← Previous page</Link> : null}
        </span>
      )}
      {nextCursor ? <Link href={href(nextCursor)} rel="next">Next page →</Link> : <span className="text-stone-500">End of list</span>}
    </nav>
  );
}
