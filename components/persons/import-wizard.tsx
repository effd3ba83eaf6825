"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState, useTransition } from "react";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/ui/form";
import { useVocabulary } from "@/components/ui/speech";
import { languageOf } from "@/lib/i18n/locales";
import { PERSON_ROLES } from "@/lib/vocabulary";
import type { ImportPreview } from "@/lib/persons/import/preview-import";
import type { TCommitImport } from "@/lib/persons/import/schemas";
import { ImportGroupCard, type GroupDecision } from "./import-group-card";
import { PersonNames } from "./person-names";

const PAGE = 50;
type Result = { rows: number; created: number; matched: number; newNameForms: number; newLinks: number };
type Failure = { message: string; fieldErrors?: Record<string, string[]> };

/** The column names a CSV's header may use (lib/persons/import): code, the same in every language. */
const NAME_COLUMNS = "name, name_ar, name_en, الاسم";
const OPTIONAL_COLUMNS = "age, sex, date, place";

/**
 * The REST doors, with the browser's session: a list can be megabytes, more than a server action
 * takes, and the API bounds and streams its body itself. The API answers in Accept-Language, so
 * the page's language is sent (the browser's own may be another); `unreachable` is said when
 * there is no answer at all.
 */
async function postJson<T>(path: string, body: unknown, { language, unreachable }: { language: string; unreachable: string }): Promise<{ data?: T; error?: Failure }> {
  try {
    const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json", "Accept-Language": language }, body: JSON.stringify(body) });
    const json = await response.json();
    return response.ok ? { data: json as T } : { error: (json as { error: Failure }).error };
  } catch {
    return { error: { message: unreachable } };
  }
}

/** A group's decision before anyone decides: a group with no proposal is one new person. */
export function undecided(g: ImportPreview["groups"][number]): GroupDecision {
  return { keepApart: g.members.length > 1 ? null : false, personId: g.candidates.length ? undefined : null };
}

/** The proposals still waiting for a decision. */
export function openDecisions(decisions: GroupDecision[]): number {
  return decisions.filter((d) => d.keepApart === null || d.personId === undefined).length;
}

/** What the person decided, as the commit door takes it: a kept-apart group becomes one group a row. */
export function decisionsToGroups(preview: ImportPreview, decisions: GroupDecision[]): TCommitImport["groups"] {
  return preview.groups.flatMap((g, i) => {
    const d = decisions[i];
    const personId = d.personId ?? null;
    const rejected = g.proposedPersonId && personId !== g.proposedPersonId ? [g.proposedPersonId] : [];
    const rows = g.members.map((m) => m.row);
    if (!d.keepApart) return [{ rows, personId, rejected }];
    return [{ rows: [rows[0]], personId, rejected }, ...rows.slice(1).map((row) => ({ rows: [row], personId: null }))];
  });
}

/**
 * Import a list of persons in two steps: preview (nothing is written) shows which rows are one
 * person and which match persons already held; the person confirms or rejects each proposal, then
 * imports it all in one go.
 */
export function ImportWizard({ claimId }: { claimId: string }) {
  const t = useTranslations("importWizard");
  const words = useVocabulary();
  const speech = { language: languageOf(useLocale()), unreachable: t("unreachable") };
  const [role, setRole] = useState<string>("victim");
  const [text, setText] = useState("");
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [decisions, setDecisions] = useState<GroupDecision[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]> | undefined>();
  const [result, setResult] = useState<Result | null>(null);
  const [shown, setShown] = useState(PAGE);
  const [pending, startTransition] = useTransition();

  const attention = useMemo(() => (preview?.groups ?? []).map((g, i) => ({ g, i })).filter(({ g }) => g.members.length > 1 || g.candidates.length > 0), [preview]);
  const plain = useMemo(() => (preview?.groups ?? []).filter((g) => g.members.length === 1 && g.candidates.length === 0), [preview]);

  const runPreview = () =>
    startTransition(async () => {
      setError(null);
      setFieldErrors(undefined);
      const { data: next, error: failed } = await postJson<ImportPreview>(`/api/v1/claims/${claimId}/persons/import/preview`, { role, text }, speech);
      if (failed) {
        setError(failed.message);
        setFieldErrors(failed.fieldErrors);
        return;
      }
      setPreview(next!);
      // Nothing is pre-ticked: each proposal (rows as one person, a person already held) waits for a decision.
      setDecisions(next!.groups.map(undecided));
      setShown(PAGE);
    });

  const runImport = () =>
    startTransition(async () => {
      setError(null);
      const { data: done, error: failed } = await postJson<Result>(`/api/v1/claims/${claimId}/persons/import`, { role, text, groups: decisionsToGroups(preview!, decisions) }, speech);
      if (failed) setError(failed.message);
      else setResult(done!);
    });

  if (result) {
    return (
      <div className="space-y-3 rounded-lg border border-emerald-200 bg-emerald-50 p-5" data-testid="import-result">
        <p className="font-medium text-emerald-950">
          {t("result", { rows: result.rows, created: result.created, matched: result.matched, nameForms: result.newNameForms })}
        </p>
        <Link href={`/claims/${claimId}`} className={buttonClass.secondary}>{t("backToClaim")}</Link>
      </div>
    );
  }

  if (preview && preview.errors.length === 0) {
    const matched = decisions.filter((d) => d.personId).length;
    const joined = preview.groups.filter((g, i) => g.members.length > 1 && decisions[i].keepApart === false).length;
    const open = openDecisions(decisions);
    return (
      <div className="space-y-5">
        <div className="rounded-lg border border-stone-200 bg-white p-4 text-sm" data-testid="import-summary">
          <p>
            {t.rich("summaryRead", {
              rows: preview.rows,
              format: preview.format === "csv" ? "csv" : "lines",
              columns: preview.columns.join(", "),
              role: words.personRole(preview.role),
              strong: (chunks) => <span className="font-medium">{chunks}</span>,
            })}
          </p>
          <p className="mt-1 text-stone-700">{t("summaryCounts", { joined, matched, open })}</p>
        </div>
        {attention.length ? (
          <section aria-labelledby="attention-heading" className="space-y-3">
            <h2 id="attention-heading" className="text-lg">{t("proposed", { count: attention.length })}</h2>
            <p className="text-sm text-stone-600">{t("proposedHint")}</p>
            {attention.slice(0, shown).map(({ g, i }) => (
              <ImportGroupCard key={g.members[0].row} group={g} decision={decisions[i]} onChange={(d) => setDecisions((all) => all.map((x, k) => (k === i ? d : x)))} />
            ))}
            {attention.length > shown ? (
              <button type="button" className={buttonClass.secondary} onClick={() => setShown((n) => n + PAGE)}>
                {t("showMore", { count: Math.min(PAGE, attention.length - shown) })}
              </button>
            ) : null}
          </section>
        ) : null}
        {plain.length ? (
          <details className="rounded-lg border border-stone-200 bg-white p-4 text-sm">
            <summary className="cursor-pointer font-medium">{t("plainSummary", { count: plain.length })}</summary>
            <ul className="mt-2 space-y-1">
              {plain.slice(0, 200).map((g) => (
                <li key={g.members[0].row}>
                  <span className="text-stone-500">{t("rowLabel", { row: g.members[0].row })}</span> <PersonNames names={g.members[0].names.map((name) => ({ name }))} />
                </li>
              ))}
              {plain.length > 200 ? <li className="text-stone-500">{t("andMore", { count: plain.length - 200 })}</li> : null}
            </ul>
          </details>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" onClick={runImport} disabled={pending || open > 0} className={buttonClass.primary} aria-describedby={open ? "import-open" : undefined}>
            {pending ? t("importing") : t("importRows", { rows: preview.rows })}
          </button>
          {open ? <span id="import-open" className="text-sm text-stone-700" data-testid="import-open">{t("openLeft", { open })}</span> : null}
          <button type="button" onClick={() => setPreview(null)} disabled={pending} className={buttonClass.secondary}>{t("editList")}</button>
          <FormMessage message={error} tone="error" />
        </div>
      </div>
    );
  }

  return (
    <form
      className="space-y-4 rounded-lg border border-stone-200 bg-white p-5"
      onSubmit={(e) => {
        e.preventDefault();
        runPreview();
      }}
      aria-label={t("formLabel")}
    >
      <Field id="import-role" label={t("roleLabel")} errors={fieldErrors?.role}>
        <select id="import-role" value={role} onChange={(e) => setRole(e.target.value)} className={`${inputClass} max-w-xs`}>
          {PERSON_ROLES.map((r) => <option key={r} value={r}>{words.personRole(r)}</option>)}
        </select>
      </Field>
      <Field
        id="import-text"
        label={t("listLabel")}
        hint={t.rich("listHint", { nameColumns: NAME_COLUMNS, optionalColumns: OPTIONAL_COLUMNS, code: (chunks) => <code dir="ltr">{chunks}</code> })}
        errors={fieldErrors?.text}
      >
        <textarea id="import-text" value={text} onChange={(e) => setText(e.target.value)} rows={10} dir="auto" className={`${inputClass} font-mono`} aria-invalid={!!fieldErrors?.text} />
      </Field>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="cursor-pointer">
          <span className={buttonClass.secondary}>{t("chooseFile")}</span>
          <input
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/plain"
            className="sr-only"
            data-testid="import-file"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) setText(await file.text());
            }}
          />
        </label>
      </div>
      {preview?.errors.length ? (
        <div role="alert" className="rounded-md border border-rose-200 bg-rose-50 p-3 text-sm text-rose-900" data-testid="import-errors">
          <p className="font-medium">{t("problems", { count: preview.errors.length })}</p>
          <ul className="mt-1 list-disc ps-5">
            {preview.errors.slice(0, 20).map((e) => <li key={`${e.row}:${e.message}`}>{e.row ? t("rowProblem", { row: e.row, message: e.message }) : e.message}</li>)}
          </ul>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending || !text.trim()} className={buttonClass.primary}>{pending ? t("reading") : t("preview")}</button>
        <FormMessage message={error} tone="error" />
      </div>
    </form>
  );
}
