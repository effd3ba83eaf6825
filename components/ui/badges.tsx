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

/** English labels, for the pages not yet reading the catalogue (`useVocabulary()` / `getSpeech()` replace them). */
export const STATE_LABEL: Record<ClaimState, string> = {
  triage: "Triage",
  corroboration: "Corroboration",
  review: "Review",
  published: "Published",
  rejected: "Rejected",
  duplicate: "Duplicate",
  retracted: "Retracted",
};

export const GRADE_LABEL: Record<Grade, string> = {
  confirmed: "Confirmed",
  probable: "Probable",
  single_source: "Single source",
  contested: "Contested",
  discounted: "Discounted",
};

/** What each grade means, in plain words, for readers and reviewers alike. */
export const GRADE_MEANING: Record<Grade, string> = {
  confirmed: "At least two independent origins support it, one of them first-hand, and nothing credible contradicts it.",
  probable: "At least two independent origins support it.",
  single_source: "It rests on one origin so far.",
  contested: "Credible evidence supports it and credible evidence contradicts it.",
  discounted: "Shown to be false, staged or misattributed.",
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

export const KIND_LABEL: Record<string, string> = {
  video: "Video",
  image: "Image",
  report: "Report",
  link: "Link",
  casualty_count: "Casualty count",
  person: "Person",
  statement: "Statement",
};
