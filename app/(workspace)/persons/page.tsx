import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { knownDetails } from "@/components/persons/known-details";
import { MatchReasons } from "@/components/persons/match-reasons";
import { PersonNames } from "@/components/persons/person-names";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass, FormMessage, inputClass } from "@/components/ui/form";
import { getSpeech } from "@/components/ui/speech-server";
import { can } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { chosenLanguage } from "@/lib/i18n/chosen-language";
import { inLocale } from "@/lib/i18n/translate";
import { listPersons } from "@/lib/persons/list-persons";
import { matchPersons } from "@/lib/persons/match-persons";
import { pageContext } from "@/lib/server/doors";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("persons"))("metaTitle") };
}

/** Find a person by any form of their name, in any script; or browse the newest. */
export default async function PersonsPage({ searchParams }: { searchParams: Promise<{ q?: string; cursor?: string }> }) {
  const { db, actor } = await pageContext("/persons");
  const { q, cursor } = await searchParams;
  const [t, { formats }, { locale, digits }] = await Promise.all([getTranslations("persons"), getSpeech(), chosenLanguage()]);
  // The address is typed by hand too: a repeated parameter is an array, and a name or cursor that
  // cannot be read is a message on the page (in the reader's language), never the error page.
  const query = typeof q === "string" ? q.trim().slice(0, 200) : "";
  let problem: string | null = null;
  const unreadable = (error: unknown) => {
    if (!isAppError(error) || error.code !== "BAD_REQUEST") throw error;
    problem = Object.values(error.details.fieldErrors ?? {}).flat()[0] ?? error.message;
    return null;
  };
  const read = <T,>(run: () => Promise<T>) => inLocale(locale, run, digits).catch(unreadable);
  const found = query && can(actor, "persons.add") ? await read(() => matchPersons(db, actor, { name: query, limit: 25 })) : null;
  const recent = found ? null : await read(() => listPersons(db, actor, { cursor: typeof cursor === "string" ? cursor : undefined, limit: 25 }));
  return (
    <div className="space-y-5">
      <div className="space-y-1">
        <h1>{t("list.heading")}</h1>
        <p className="text-sm text-stone-600">{t("list.intro", { scope: can(actor, "claims.read_all") ? "all" : "own" })}</p>
      </div>
      <form className="flex max-w-xl gap-2" role="search">
        <label htmlFor="person-q" className="sr-only">{t("list.searchLabel")}</label>
        <input id="person-q" name="q" defaultValue={query} dir="auto" placeholder={t("list.searchPlaceholder")} className={inputClass} />
        <button type="submit" className={buttonClass.primary}>{t("list.search")}</button>
      </form>
      {problem ? <FormMessage tone="error" message={t("list.problem", { problem })} /> : null}
      {found ? (
        found.candidates.length ? (
          <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white" data-testid="person-results">
            {found.candidates.map((c) => (
              <li key={c.person.id} className="space-y-1 p-3 text-sm">
                <Link href={`/persons/${c.person.id}`} className="no-underline hover:underline"><PersonNames names={c.person.names} /></Link>
                <p className="text-xs text-stone-600">{t("score", { score: formats.score(c.score) })}</p>
                <MatchReasons reasons={c.reasons} />
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title={t("list.noMatchTitle")}>{t("list.noMatchBody")}</EmptyState>
        )
      ) : recent && recent.items.length ? (
        <>
          <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white">
            {recent.items.map((p) => (
              <li key={p.id} className="p-3 text-sm">
                <Link href={`/persons/${p.id}`} className="no-underline hover:underline"><PersonNames names={p.names} /></Link>
                <span className="block text-xs text-stone-500">{knownDetails(t, p, ["age", "date", "place"])}</span>
              </li>
            ))}
          </ul>
          {recent.nextCursor ? <Link href={`/persons?cursor=${recent.nextCursor}`} className={buttonClass.secondary}>{t("list.older")}</Link> : null}
        </>
      ) : (
        <EmptyState title={t("list.emptyTitle")}>{t("list.emptyBody")}</EmptyState>
      )}
    </div>
  );
}
