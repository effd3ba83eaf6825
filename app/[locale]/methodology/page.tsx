import type { Metadata } from "next";
import { connection } from "next/server";
import { GRADE_LABEL, GRADE_MEANING } from "@/components/ui/badges";
import { GRADES } from "@/lib/vocabulary";

export const metadata: Metadata = { title: "How we work", description: "How claims are checked, graded, published, corrected and retracted." };

/** How entries come to be: the workflow, the grades, what independence means, and what we never publish. */
export default async function MethodologyPage() {
  // The footer reads the audit head: at request time, never at build.
  await connection();
  return (
    <article className="max-w-3xl space-y-8 leading-relaxed">
      <header className="space-y-2">
        <h1 className="text-3xl">How we work</h1>
        <p className="text-lg text-stone-700">
          Every entry on this site is a claim — a video, a report, a casualty count, a named victim — that researchers checked
          against preserved evidence and independent origins before an editor published it.
        </p>
      </header>

      <section aria-labelledby="workflow" className="space-y-2">
        <h2 id="workflow">From claim to entry</h2>
        <ol className="list-decimal space-y-2 pl-6">
          <li><strong>Triage.</strong> A researcher submits a claim with what backs it. A reviewer accepts it for checking, rejects it with a reason, or merges it into a claim already held.</li>
          <li><strong>Corroboration.</strong> Reviewers preserve the evidence (each file is stored with its SHA-256, so anyone can check a copy is the same), record who published each item and whom they relayed, judge every item, and grade the claim.</li>
          <li><strong>Review.</strong> An editor checks the work. The editor who publishes must be another person than the one who submitted the claim or sent it to review (the four-eyes rule), and every item must have been reviewed for graphic content and personal data.</li>
          <li><strong>Publication.</strong> The entry is an immutable snapshot. A correction publishes a new version with a note: one editor drafts it, another checks and publishes it, and until then the public reads the version before. Every version stays readable at its own address, with what it changed. A retraction keeps the entry at its address with a notice saying why.</li>
        </ol>
      </section>

      <section aria-labelledby="grades" className="space-y-2">
        <h2 id="grades">Our grades</h2>
        <p>The grade says how strongly the claim is supported, not how important it is.</p>
        <dl className="space-y-2">
          {GRADES.map((g) => (
            <div key={g} className="rounded-md border border-stone-200 bg-white px-4 py-2">
              <dt className="font-medium">{GRADE_LABEL[g]}</dt>
              <dd className="text-stone-700">{GRADE_MEANING[g]}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="origins" className="space-y-2">
        <h2 id="origins">Independent origins, not repetitions</h2>
        <p>
          When forty outlets repeat one monitor&apos;s count, that is one origin, not forty. We follow who cites whom, which accounts
          belong to one organisation, and which videos and images are copies or re-encodings of one another, and we count only what
          remains. First-hand material — filmed or witnessed by the source itself — is marked as such.
        </p>
        <p>
          Sources are rated on the Admiralty scale (A completely reliable … E unreliable, F cannot be judged); each piece of evidence is
          judged on its own (1 confirmed … 6 cannot be judged).
        </p>
        <p data-testid="grade-rule">
          A suggested grade weighs both. Only evidence judged 1 to 3 counts. An origin whose sources are all rated E or F counts towards
          “probable” or “confirmed” only when its evidence is judged 1 or 2, and never alone: either grade needs at least one supporting
          origin from a better-rated source, or material we hold first-hand with no source behind it. “Confirmed” also needs a first-hand
          origin among those that count. The reviewer sees which of the two scales holds a suggestion back; the editor has the final say
          and records why.
        </p>
      </section>

      <section aria-labelledby="figures" className="space-y-2">
        <h2 id="figures">Figures</h2>
        <p>
          Counts are shown with their source and the date they were reported, as a range across sources — never as one number with
          more certainty than the sources give. Where we hold named persons, we say how many are documented against a count.
        </p>
      </section>

      <section aria-labelledby="privacy" className="space-y-2">
        <h2 id="privacy">What we never publish</h2>
        <p>
          Who submitted or reviewed a claim, internal notes and rationales, the identity of sources we protect, witnesses and other living
          people unless an editor decides it is safe, file names and embedded metadata such as the location of a witness&apos;s phone.
          Public entries are built from a fixed list of fields; nothing else can reach them.
        </p>
      </section>

      <section aria-labelledby="audit" className="space-y-2">
        <h2 id="audit">Checking our record</h2>
        <p>
          Every change is written to an append-only audit log in which each event carries the hash of the one before it. The footer of
          every page shows the latest hash: note it, and you can later ask us to show that the log still leads to it. The dataset export
          contains the publication events with their hashes and the recipe to recompute them.
        </p>
      </section>
    </article>
  );
}
