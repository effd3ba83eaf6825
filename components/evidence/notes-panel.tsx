"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { buttonClass, FormMessage, formFields, inputClass } from "@/components/ui/form";
import { useFormats } from "@/components/ui/speech";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import type { EvidenceNoteDto } from "@/lib/evidence/notes";
import { usePlayerMoment } from "./review-context";
import { Timecode } from "./timecode";

/** A note with the forms the person may use on it, bound by the page (never here: lib/test/layers.test.ts). */
export type NoteWithForms = EvidenceNoteDto & { edit: FormActionFn | null; remove: FormActionFn | null };

const NOTE_MAX = 2000;

/** Milliseconds as the seconds a field shows: 41200 → "41.2". */
const secondsText = (ms: number | null) => (ms === null ? "" : (ms / 1000).toFixed(3).replace(/\.?0+$/, ""));

/**
 * Time-coded notes beside the player: each one jumps to its moment (click or Enter), in time
 * order; a reviewer marks a moment or a span from where the player stands and writes what is seen
 * or heard. Internal: never published. Authors edit and delete their own, an editor any.
 */
export function NotesPanel({ notes, add }: { notes: NoteWithForms[]; add: FormActionFn | null }) {
  const t = useTranslations("evidence.notes");
  const formats = useFormats();
  const { seek } = usePlayerMoment();
  return (
    <section aria-labelledby="notes-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4" data-testid="notes-panel">
      <div className="space-y-0.5">
        <h2 id="notes-heading" className="text-base">{t("heading")}</h2>
        <p className="text-xs text-stone-600">{t("intro")}</p>
      </div>
      {notes.length === 0 ? (
        <p className="text-sm text-stone-600" data-testid="notes-empty">{t("empty")}</p>
      ) : (
        <ol className="max-h-[28rem] space-y-2 overflow-y-auto" data-testid="note-list">
          {notes.map((note) => (
            <li key={note.id} className="rounded-md border border-stone-200 p-2.5 text-sm" data-testid="note" data-note-id={note.id}>
              <button
                type="button"
                onClick={() => seek(note.startMs)}
                className="rounded bg-teal-50 px-1.5 py-0.5 text-xs font-medium text-teal-900 hover:bg-teal-100"
                data-testid="note-jump"
                data-start-ms={note.startMs}
              >
                <span className="sr-only">{t("jump")} </span>
                <Timecode ms={note.startMs} />
                {note.endMs !== null ? (
                  <>
                    {" – "}
                    <Timecode ms={note.endMs} />
                  </>
                ) : null}
              </button>
              <p className="mt-1 whitespace-pre-line break-words text-stone-900" dir="auto" data-testid="note-body">{note.body}</p>
              <p className="mt-1 text-xs text-stone-500">
                <bdi>{note.author.name}</bdi>
                {" · "}
                <time dateTime={note.createdAt}>{formats.dateTime(note.createdAt)}</time>
                {note.editedAt ? ` · ${t("edited")}` : null}
              </p>
              {note.edit || note.remove ? (
                <div className="mt-1.5 flex flex-wrap items-start gap-x-4 gap-y-2">
                  {note.edit ? <EditNoteForm submit={note.edit} note={note} /> : null}
                  {note.remove ? <DeleteNoteForm submit={note.remove} version={note.version} idPrefix={`delete-note-${note.id}-`} /> : null}
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {add ? <AddNoteForm submit={add} /> : null}
    </section>
  );
}

/** The errors of a note's moment, under either name a refusal uses. */
function errorsOf(state: ActionState, ...names: string[]): string[] {
  return names.flatMap((name) => state.fieldErrors?.[name] ?? []);
}

/** Start, end and text of a note; the moment buttons fill the times from where the player stands. */
function NoteFields({ state, idPrefix, startMs, endMs, body, withMarks }: {
  state: ActionState;
  idPrefix: string;
  startMs: number | null;
  endMs: number | null;
  body: string;
  withMarks: boolean;
}) {
  const t = useTranslations("evidence.notes");
  const { currentMs, isReady } = usePlayerMoment();
  const sent = state.values ?? {};
  const [start, setStart] = useState(sent.start ?? secondsText(startMs));
  const [end, setEnd] = useState(sent.end ?? secondsText(endMs));
  const f = formFields(state, { idPrefix });
  const startErrors = errorsOf(state, "startMs", "start");
  const endErrors = errorsOf(state, "endMs", "end");
  const bodyErrors = errorsOf(state, "body");
  const timeField = (name: "start" | "end", value: string, set: (v: string) => void, errors: string[]) => (
    <div className="space-y-1">
      <label htmlFor={`${idPrefix}${name}`} className="block text-xs font-medium text-stone-800">{t(name)}</label>
      <input
        id={`${idPrefix}${name}`}
        name={name}
        type="number"
        inputMode="decimal"
        min={0}
        step={0.001}
        value={value}
        onChange={(event) => set(event.target.value)}
        required={name === "start"}
        className={inputClass}
        dir="ltr"
        {...(errors.length ? { "aria-invalid": true, "aria-describedby": `${idPrefix}${name}-error` } : {})}
      />
      {errors.length ? <p id={`${idPrefix}${name}-error`} className="text-xs text-rose-700">{errors.join(" ")}</p> : null}
    </div>
  );
  return (
    <>
      {withMarks ? (
        <div className="flex flex-wrap gap-2">
          <button type="button" className={markButton} disabled={!isReady} onClick={() => { setStart(secondsText(currentMs)); setEnd(""); }} data-testid="mark-moment">
            {t("markMoment")}
          </button>
          <button
            type="button"
            className={markButton}
            disabled={!isReady || start === ""}
            onClick={() => {
              // An end before the start marks the span the other way round.
              const here = currentMs / 1000;
              if (here < Number(start)) {
                setEnd(start);
                setStart(secondsText(currentMs));
              } else setEnd(secondsText(currentMs));
            }}
            data-testid="mark-span-end"
          >
            {t("markSpanEnd")}
          </button>
        </div>
      ) : null}
      <div className="grid grid-cols-2 gap-2">
        {timeField("start", start, setStart, startErrors)}
        {timeField("end", end, setEnd, endErrors)}
      </div>
      <div className="space-y-1">
        <label htmlFor={`${idPrefix}body`} className="block text-xs font-medium text-stone-800">{t("body")}</label>
        <textarea
          {...f.control("body", { fallback: body })}
          required
          maxLength={NOTE_MAX}
          rows={3}
          dir="auto"
          placeholder={t("placeholder")}
        />
        {bodyErrors.length ? <p id={`${idPrefix}body-error`} className="text-xs text-rose-700">{bodyErrors.join(" ")}</p> : null}
      </div>
    </>
  );
}

const markButton =
  "rounded-md border border-teal-700 bg-white px-2.5 py-1 text-xs font-medium text-teal-900 hover:bg-teal-50 disabled:cursor-not-allowed disabled:border-stone-300 disabled:text-stone-400";

function AddNoteForm({ submit }: { submit: FormActionFn }) {
  const t = useTranslations("evidence.notes");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state);
  return (
    <form action={action} className="space-y-2 border-t border-stone-100 pt-3" aria-label={t("addLabel")} data-testid="add-note">
      <h3 className="text-sm font-medium text-stone-900">{t("addLabel")}</h3>
      <FormMessage message={state.ok ? null : state.message} tone="error" links={state.links} />
      {state.ok ? <FormMessage message={state.message} tone="success" /> : null}
      {/* Made anew with each answer: emptied after a note is added, kept as sent after a refusal. */}
      <NoteFields key={f.answer} state={state} idPrefix="note-" startMs={null} endMs={null} body="" withMarks />
      <button type="submit" className={buttonClass.primary} disabled={pending}>{pending ? t("adding") : t("add")}</button>
    </form>
  );
}

function EditNoteForm({ submit, note }: { submit: FormActionFn; note: EvidenceNoteDto }) {
  const t = useTranslations("evidence.notes");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state);
  return (
    <details className="text-xs open:basis-full" open={!!state.message && !state.ok} data-testid="edit-note">
      <summary className="cursor-pointer text-teal-800">{t("editSummary")}</summary>
      <form action={action} className="mt-2 space-y-2" aria-label={t("editLabel")}>
        <input type="hidden" name="version" value={note.version} />
        <FormMessage message={state.ok ? null : state.message} tone="error" links={state.links} />
        <NoteFields key={f.answer} state={state} idPrefix={`edit-note-${note.id}-`} startMs={note.startMs} endMs={note.endMs} body={note.body} withMarks={false} />
        <button type="submit" className={buttonClass.secondary} disabled={pending}>{pending ? t("saving") : t("save")}</button>
      </form>
    </details>
  );
}

/** "Delete…" opens a confirmation; the note's text stays in the custody trail. */
function DeleteNoteForm({ submit, version, idPrefix }: { submit: FormActionFn; version: number; idPrefix: string }) {
  const t = useTranslations("evidence.notes");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  return (
    <details className="text-xs open:basis-full" open={!!state.message && !state.ok} data-testid="delete-note">
      <summary className="cursor-pointer text-rose-800">{t("deleteSummary")}</summary>
      <form action={action} className="mt-2 space-y-2" aria-label={t("deleteLabel")} id={`${idPrefix}form`}>
        <input type="hidden" name="version" value={version} />
        <FormMessage message={state.ok ? null : state.message} tone="error" links={state.links} />
        <p className="text-stone-700">{t("deleteConfirm")}</p>
        <button type="submit" className={buttonClass.danger} disabled={pending}>{pending ? t("deleting") : t("delete")}</button>
      </form>
    </details>
  );
}
