import { GRADE_LABEL, KIND_LABEL } from "@/components/ui/badges";
import { VERSION_CHANGE_LABEL, type VersionChange } from "@/lib/publishing/version-changes";
import type { Grade } from "@/lib/vocabulary";

/** A value as a reader reads it: a grade's and a kind's names rather than their codes. */
function shown(field: VersionChange["field"], value: string | null): string {
  if (value === null) return "(none)";
  if (field === "grade") return GRADE_LABEL[value as Grade] ?? value;
  if (field === "kind") return KIND_LABEL[value] ?? value;
  return value;
}

/** What a version changed, field by field: before → after, or the items added and removed. */
export function VersionChanges({ changes, testId = "version-changes" }: { changes: VersionChange[]; testId?: string }) {
  if (changes.length === 0) return <p className="text-sm text-stone-600" data-testid={testId}>Nothing public changed.</p>;
  return (
    <dl className="space-y-3 text-sm" data-testid={testId}>
      {changes.map((change) => (
        <div key={change.field} className="rounded-md border border-stone-200 bg-white px-4 py-3" data-field={change.field}>
          <dt className="font-medium">{VERSION_CHANGE_LABEL[change.field]}</dt>
          {"before" in change ? (
            <dd className="mt-1 space-y-1" dir="auto">
              <p className="text-stone-600"><span className="sr-only">Before: </span><del>{shown(change.field, change.before)}</del></p>
              <p><span className="sr-only">After: </span><ins className="no-underline">→ {shown(change.field, change.after)}</ins></p>
            </dd>
          ) : (
            <dd className="mt-1">
              <ul className="space-y-1 break-all">
                {change.added.map((item, i) => (
                  <li key={`+${i}`} dir="auto"><span className="font-medium text-teal-800">Added:</span> {item}</li>
                ))}
                {change.removed.map((item, i) => (
                  <li key={`-${i}`} dir="auto"><span className="font-medium text-rose-800">Removed:</span> {item}</li>
                ))}
              </ul>
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}
