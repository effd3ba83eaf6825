import type { PersonRole } from "@/lib/vocabulary";
import { ROLE_LABEL } from "./labels";

/**
 * Who publishing would name, before the editor publishes: only names marked publishable with a
 * basis are here; the rest stay private and are counted.
 */
export function NamedPreview({ named, privatePersons, claimId }: { named: { names: string[]; role: PersonRole }[]; privatePersons: number; claimId: string }) {
  return (
    <section aria-labelledby="named-heading" className="space-y-2 rounded-lg border border-stone-200 bg-white p-5 text-sm" data-testid="named-preview">
      <h2 id="named-heading" className="text-lg">Who will be named</h2>
      {named.length ? (
        <ul className="list-disc space-y-1 ps-5">
          {named.map((p, i) => (
            <li key={i} dir="auto" data-testid="named-person">
              {p.names.join(" / ")} <span className="text-stone-600">({ROLE_LABEL[p.role]})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>No one: no name has been marked publishable.</p>
      )}
      <p className="text-stone-700" data-testid="named-private-count">
        {privatePersons} person{privatePersons === 1 ? "" : "s"} named in the claim stay{privatePersons === 1 ? "s" : ""} private. A name is published only once an editor or reviewer marks
        it publishable, with a basis, <a href={`/claims/${claimId}#persons-heading`}>on the claim</a>.
      </p>
    </section>
  );
}
