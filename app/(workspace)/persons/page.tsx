import type { Metadata } from "next";
import Link from "next/link";
import { formatScore } from "@/components/persons/labels";
import { MatchReasons } from "@/components/persons/match-reasons";
import { PersonNames } from "@/components/persons/person-names";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass, FormMessage, inputClass } from "@/components/ui/form";
import { can } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { listPersons } from "@/lib/persons/list-persons";
import { matchPersons } from "@/lib/persons/match-persons";
import { pageContext } from "@/lib/server/doors";

export const metadata: Metadata = { title: "Persons" };

/** Find a person by any form of their name, in any script; or browse the newest. */
export default async function PersonsPage({ searchParams }: { searchParams: Promise<{ q?: string; cursor?: string }> }) {
  const { db, actor } = await pageContext("/persons");
  const { q, cursor } = await searchParams;
  // The address is typed by hand too: a repeated parameter is an array, and a name or cursor that
  // cannot be read is a message on the page, never the error page.
  const query = typeof q === "string" ? q.trim().slice(0, 200) : "";
  let problem: string | null = null;
  const unreadable = (error: unknown) => {
    if (!isAppError(error) || error.code !== "BAD_REQUEST") throw error;
    problem = Object.values(error.details.fieldErrors ?? {}).flat()[0] ?? error.message;
    return null;
  };
  const found = query && can(actor, "persons.add") ? await matchPersons(db, actor, { name: query, limit: 25 }).catch(unreadable) : null;
  const recent = found ? null : await listPersons(db, actor, { cursor: typeof cursor === "string" ? cursor : undefined, limit: 25 }).catch(unreadable);
  return (
    <div className="space-y-5">
      <div className="space-y-1">
        <h1>Persons</h1>
        <p className="text-sm text-stone-600">
          One record a person, whatever the script or spelling{can(actor, "claims.read_all") ? "" : " (the persons named in your claims)"}.
        </p>
      </div>
      <form className="flex max-w-xl gap-2" role="search">
        <label htmlFor="person-q" className="sr-only">Name</label>
        <input id="person-q" name="q" defaultValue={query} dir="auto" placeholder="A name, e.g. محمد علي حيدر or Mohammad Ali Haidar" className={inputClass} />
        <button type="submit" className={buttonClass.primary}>Search</button>
      </form>
      {problem ? <FormMessage tone="error" message={`This search cannot be used: ${problem}`} /> : null}
      {found ? (
        found.candidates.length ? (
          <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white" data-testid="person-results">
            {found.candidates.map((c) => (
              <li key={c.person.id} className="space-y-1 p-3 text-sm">
                <Link href={`/persons/${c.person.id}`} className="no-underline hover:underline"><PersonNames names={c.person.names} /></Link>
                <p className="text-xs text-stone-600">Score {formatScore(c.score)}</p>
                <MatchReasons reasons={c.reasons} />
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="No person matches that name">Try another spelling, or the name in Arabic script.</EmptyState>
        )
      ) : recent && recent.items.length ? (
        <>
          <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white">
            {recent.items.map((p) => (
              <li key={p.id} className="p-3 text-sm">
                <Link href={`/persons/${p.id}`} className="no-underline hover:underline"><PersonNames names={p.names} /></Link>
                <span className="block text-xs text-stone-500">{[p.age !== null ? `age ${p.age}` : null, p.incidentDate, p.placeName].filter(Boolean).join(" · ")}</span>
              </li>
            ))}
          </ul>
          {recent.nextCursor ? <Link href={`/persons?cursor=${recent.nextCursor}`} className={buttonClass.secondary}>Older persons</Link> : null}
        </>
      ) : (
        <EmptyState title="No persons yet">Persons are added on a claim, one by one or by importing a list.</EmptyState>
      )}
    </div>
  );
}
