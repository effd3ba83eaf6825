import type { MatchReason } from "@/lib/persons/matching";

/** Why the engine thinks two names are one person, as small labels. */
export function MatchReasons({ reasons }: { reasons: MatchReason[] }) {
  if (reasons.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Why">
      {reasons.map((r) => (
        <li key={r.code + r.text} dir="auto" className="rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-700">
          {r.text}
        </li>
      ))}
    </ul>
  );
}
