import Link from "next/link";
import { GradeBadge, KIND_LABEL, StateBadge } from "@/components/ui/badges";
import { formatDateTime } from "@/components/ui/format";
import type { ClaimDto } from "@/lib/claims/dto";

export function ClaimTable({ claims, showSubmitter = true }: { claims: ClaimDto[]; showSubmitter?: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
      <table className="min-w-full divide-y divide-stone-200 text-sm">
        <thead className="bg-stone-50 text-left text-xs font-medium uppercase tracking-wide text-stone-500">
          <tr>
            <th scope="col" className="px-4 py-2">Claim</th>
            <th scope="col" className="px-4 py-2">Kind</th>
            <th scope="col" className="px-4 py-2">State</th>
            <th scope="col" className="px-4 py-2">Grade</th>
            {showSubmitter ? <th scope="col" className="px-4 py-2">Submitted by</th> : null}
            <th scope="col" className="px-4 py-2">Submitted</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {claims.map((c) => (
            <tr key={c.id} className="align-top hover:bg-stone-50" data-testid="claim-row">
              <td className="max-w-md px-4 py-3">
                <Link href={`/claims/${c.id}`} className="font-medium text-stone-900">
                  <bdi>{c.title}</bdi>
                </Link>
                {c.place.name ? <div className="mt-0.5 text-xs text-stone-500"><bdi>{c.place.name}</bdi></div> : null}
              </td>
              <td className="whitespace-nowrap px-4 py-3 text-stone-700">{KIND_LABEL[c.kind]}</td>
              <td className="whitespace-nowrap px-4 py-3" data-testid="claim-state"><StateBadge state={c.state} /></td>
              <td className="whitespace-nowrap px-4 py-3"><GradeBadge grade={c.grade} /></td>
              {showSubmitter ? <td className="whitespace-nowrap px-4 py-3 text-stone-700">{c.submitter.name}</td> : null}
              <td className="whitespace-nowrap px-4 py-3 text-stone-600">{formatDateTime(c.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
