import Link from "next/link";

/** Keyset pagination: back to the first page, or on to the next. */
export function Pager({ basePath, params, nextCursor, isFirstPage }: {
  basePath: string;
  params: Record<string, string | undefined>;
  nextCursor: string | null;
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
      {isFirstPage ? <span /> : <Link href={href()}>← First page</Link>}
      {nextCursor ? <Link href={href(nextCursor)} rel="next">Next page →</Link> : <span className="text-stone-500">End of list</span>}
    </nav>
  );
}
