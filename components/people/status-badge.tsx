import type { UserStatus } from "@/lib/vocabulary";

const STATUS_STYLE: Record<UserStatus, string> = {
  invited: "bg-amber-50 text-amber-900 ring-amber-200",
  active: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  deactivated: "bg-stone-100 text-stone-700 ring-stone-300",
};

/** Where a person's account stands, in the reader's language (the page gives the word). */
export function StatusBadge({ status, label }: { status: UserStatus; label: string }) {
  return (
    <span data-testid="person-status" className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLE[status]}`}>
      {label}
    </span>
  );
}
