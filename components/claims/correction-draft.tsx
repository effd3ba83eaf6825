import Link from "next/link";
import { GRADE_LABEL, KIND_LABEL } from "@/components/ui/badges";
import { formatDateTime } from "@/components/ui/format";
import { VersionChanges } from "@/components/public/version-changes";
import type { VersionChange } from "@/lib/publishing/version-changes";
import type { Grade } from "@/lib/vocabulary";

const FIELD_LABEL: Record<string, string> = {
  kind: "Kind",
  title: "Title",
  summary: "Summary",
  language: "Language",
  incidentDateFrom: "Incident date",
  incidentDateTo: "End of range",
  placeName: "Place",
  latitude: "Latitude",
  longitude: "Longitude",
  placePrecision: "Precision",
  grade: "Grade",
  gradeRationale: "Rationale for the grade (internal)",
};

function shown(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "(none)";
  if (field === "grade") return GRADE_LABEL[value as Grade] ?? String(value);
  if (field === "kind") return KIND_LABEL[String(value)] ?? String(value);
  return String(value);
}

type Props = {
  claimId: string;
  draft: { reason: string; draftedBy: { id: string; name: string }; draftedAt: string | null };
  /** Each field the draft changes: the claim's value now and the draft's. */
  fields: Record<string, { before: unknown; after: unknown }>;
  /** What the public entry would change, persons, figures and evidence included (the preview's). */
  publicChanges: VersionChange[] | null;
};

/** A drafted correction waiting for another editor: who drafted it, why, and what it changes. */
export function CorrectionDraft({ claimId, draft, fields, publicChanges }: Props) {
  return (
    <section aria-labelledby="correction-draft-heading" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-5 text-sm text-amber-950" data-testid="correction-draft">
      <h2 id="correction-draft-heading" className="text-base text-amber-950">A correction waits to be published</h2>
      <p>
        Drafted by <span className="font-medium" data-testid="correction-drafter">{draft.draftedBy.name}</span>
        {draft.draftedAt ? `, ${formatDateTime(draft.draftedAt)}` : ""}. The public entry is unchanged until another editor publishes it.
      </p>
      <p dir="auto"><span className="font-medium">Reason (published as the correction note): </span>{draft.reason}</p>
      {Object.keys(fields).length ? (
        <table className="w-full border-collapse text-left" data-testid="correction-fields">
          <thead>
            <tr className="border-b border-amber-200"><th className="py-1 pr-3">Field</th><th className="py-1 pr-3">Now</th><th className="py-1">Corrected</th></tr>
          </thead>
          <tbody>
            {Object.entries(fields).map(([field, { before, after }]) => (
              <tr key={field} className="border-b border-amber-100 align-top">
                <td className="py-1 pr-3 font-medium">{FIELD_LABEL[field] ?? field}</td>
                <td className="py-1 pr-3" dir="auto"><del>{shown(field, before)}</del></td>
                <td className="py-1" dir="auto">{shown(field, after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>It changes none of the claim&apos;s own fields: persons, figures or evidence changed since the last version join it.</p>
      )}
      {publicChanges ? (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold">What the public entry would change</h3>
          <VersionChanges changes={publicChanges} testId="correction-public-changes" />
          <Link href={`/claims/${claimId}/preview`}>Preview the corrected entry</Link>
        </div>
      ) : null}
    </section>
  );
}
