import { useVocabulary } from "@/components/ui/speech";
import type { ClaimState, Grade } from "@/lib/vocabulary";

const STATE_STYLE: Record<ClaimState, string> = {
  triage: "bg-amber-50 text-amber-900 ring-amber-200",
  corroboration: "bg-sky-50 text-sky-900 ring-sky-200",
  review: "bg-violet-50 text-violet-900 ring-violet-200",
  published: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  rejected: "bg-stone-100 text-stone-700 ring-stone-300",
  duplicate: "bg-stone-100 text-stone-700 ring-stone-300",
  retracted: "bg-rose-50 text-rose-900 ring-rose-200",
};

/** A claim's state, in the reader's language (server and client components alike). */
export function StateBadge({ state }: { state: ClaimState }) {
  const words = useVocabulary();
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATE_STYLE[state]}`}>
      {words.state(state)}
    </span>
  );
}

/** A claim's grade, its meaning as the title, in the reader's language. */
export function GradeBadge({ grade }: { grade: Grade | null }) {
  const words = useVocabulary();
  if (!grade) return <span className="text-xs text-stone-500">{words.notGraded()}</span>;
  return (
    <span
      title={words.gradeMeaning(grade)}
      className="inline-flex items-center rounded-full bg-white px-2 py-0.5 text-xs font-medium text-stone-800 ring-1 ring-inset ring-stone-300"
    >
      {words.grade(grade)}
    </span>
  );
}

