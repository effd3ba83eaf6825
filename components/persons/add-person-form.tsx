"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { matchPersonsAction } from "@/app/(workspace)/persons/actions";
import { answerKey, buttonClass, Field, FormMessage, inputClass } from "@/components/ui/form";
import { useFormats, useVocabulary } from "@/components/ui/speech";
import { PERSON_ROLES } from "@/lib/vocabulary";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import type { PersonCandidate } from "@/lib/persons/candidates";
import { MatchReasons } from "./match-reasons";
import { PersonDetailFields } from "./person-detail-fields";
import { PersonNames } from "./person-names";

const DEBOUNCE_MS = 300;

/**
 * Name a person in the claim. While a name is typed, the persons it may already be are listed with
 * a score and the reasons, so the person links the existing one instead of making a duplicate.
 */
export function AddPersonForm({ submit, claimId, named }: { submit: FormActionFn; claimId: string; named: Record<string, string[]> }) {
  const t = useTranslations("persons");
  const separator = useTranslations("names")("separator");
  const words = useVocabulary();
  const formats = useFormats();
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const [names, setNames] = useState("");
  const [found, setFound] = useState<{ for: string; candidates: PersonCandidate[]; searchedAll: boolean; error?: string } | null>(null);
  const [searching, setSearching] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const personIdRef = useRef<HTMLInputElement>(null);
  const query = names.split(/\r?\n/).find((l) => l.trim())?.trim() ?? "";

  useEffect(() => {
    if (query.length < 2) return;
    let current = true;
    const timer = setTimeout(async () => {
      setSearching(true);
      const result = await matchPersonsAction(query);
      if (current) {
        setFound({ for: query, ...result });
        setSearching(false);
      }
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  useEffect(() => {
    if (state.ok) {
      setNames("");
      setFound(null);
      formRef.current?.reset();
    }
  }, [state]);

  const link = (personId: string) => {
    personIdRef.current!.value = personId;
    formRef.current?.requestSubmit();
  };
  const candidates = query.length >= 2 && found?.for === query ? found.candidates : [];
  const errors = state.ok ? undefined : state.fieldErrors;

  return (
    <form
      ref={formRef}
      action={(data) => {
        action(data);
        personIdRef.current!.value = "";
      }}
      className="space-y-3"
      aria-label={t("add.formLabel")}
      data-testid="add-person-form"
    >
      <input ref={personIdRef} type="hidden" name="personId" defaultValue="" />
      <div className="grid gap-3 sm:grid-cols-[1fr_12rem]">
        <Field id="person-names" label={t("add.name")} hint={t("add.nameHint")} errors={errors?.names}>
          <textarea
            id="person-names"
            name="names"
            rows={2}
            dir="auto"
            value={names}
            onChange={(e) => setNames(e.target.value)}
            className={inputClass}
            aria-describedby="person-matches"
            aria-invalid={!!errors?.names}
          />
        </Field>
        <Field id="person-role" label={t("add.role")} errors={errors?.role}>
          <select key={answerKey(state)} id="person-role" name="role" defaultValue={state.values?.role ?? "victim"} className={inputClass}>
            {PERSON_ROLES.map((r) => <option key={r} value={r}>{words.personRole(r)}</option>)}
          </select>
        </Field>
      </div>

      <div id="person-matches" aria-live="polite" className="space-y-2">
        {searching && query.length >= 2 ? <p className="text-xs text-stone-500">{t("add.searching")}</p> : null}
        {found?.error ? <p className="text-xs text-rose-700">{found.error}</p> : null}
        {candidates.length ? (
          <div className="rounded-md border border-amber-200 bg-amber-50 p-3">
            <p className="mb-2 text-sm text-amber-950">{t("add.mayBeHeld", { scope: found?.searchedAll ? "all" : "own" })}</p>
            <ul className="space-y-2" data-testid="person-candidates">
              {candidates.map((c) => (
                <li key={c.person.id} className="flex flex-wrap items-start justify-between gap-2 rounded bg-white p-2 text-sm ring-1 ring-amber-100">
                  <div className="min-w-0 space-y-1">
                    <PersonNames names={c.person.names} />
                    <p className="text-xs text-stone-600">
                      {t("score", { score: formats.score(c.score) })}
                      {c.person.age !== null ? ` · ${t("details.age", { age: c.person.age })}` : ""}
                      {c.person.placeName ? <> · <bdi>{c.person.placeName}</bdi></> : ""}
                      {named[c.person.id] ? ` · ${t("add.alreadyNamed", { roles: named[c.person.id].join(separator) })}` : ""}
                    </p>
                    <MatchReasons reasons={c.reasons} />
                  </div>
                  <button type="button" onClick={() => link(c.person.id)} disabled={pending} className={`${buttonClass.secondary} px-3 py-1 text-xs`}>
                    {t("add.link")}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>

      <details className="text-sm">
        <summary className="cursor-pointer text-stone-700">{t("add.detailsSummary")}</summary>
        <PersonDetailFields idPrefix="person" errors={errors} sent={state.ok ? undefined : state.values} answer={answerKey(state)} className="mt-2 grid gap-3 sm:grid-cols-4" />
      </details>

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass.primary}>
          {pending ? t("saving") : candidates.length ? t("add.addAsNew") : t("add.add")}
        </button>
        <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
      </div>
    </form>
  );
}
