"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, FormMessage, formFields } from "@/components/ui/form";
import type { MentionablePerson } from "@/lib/comments/mention-text";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import { COMMENT_MAX } from "@/lib/vocabulary";
import { MentionTextarea } from "./mention-textarea";

/**
 * A new comment, on the claim or on one item (`evidenceId`). The text field is the page's `c`
 * (`data-shortcut`); after a refusal the text sent is kept, after success the field is empty.
 */
export function CommentForm({ submit, people, evidenceId }: { submit: FormActionFn; people: readonly MentionablePerson[]; evidenceId?: string }) {
  const t = useTranslations("comments.form");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "comment-" });
  const body = f.field("body");
  const { className: _shared, ...control } = f.control("body");
  return (
    <form action={action} className="space-y-2" aria-label={t("label")} data-testid="comment-form">
      {evidenceId ? <input type="hidden" name="evidenceId" value={evidenceId} /> : null}
      <FormMessage message={state.ok ? null : state.message} tone="error" links={state.links} />
      {state.ok ? <FormMessage message={state.message} tone="success" /> : null}
      <label htmlFor={body.id} className="block text-sm font-medium text-stone-800">
        {t("label")}
      </label>
      <MentionTextarea {...control} key={f.answer} people={people} shortcut="c" required maxLength={COMMENT_MAX} rows={3} placeholder={t("placeholder")} aria-describedby={body.errors?.length ? `${body.id}-error` : `${body.id}-hint`} />
      {body.errors?.length ? (
        <p id={`${body.id}-error`} className="text-xs text-rose-700">{body.errors.join(" ")}</p>
      ) : (
        <p id={`${body.id}-hint`} className="text-xs text-stone-500">{t("hint")}</p>
      )}
      <button type="submit" className={buttonClass.primary} disabled={pending}>
        {pending ? t("pending") : t("submit")}
      </button>
    </form>
  );
}

/** "Edit": the author's own comment, at the version shown (a 409 if it changed meanwhile). */
export function EditCommentForm({ submit, version, body, people, idPrefix }: { submit: FormActionFn; version: number; body: string; people: readonly MentionablePerson[]; idPrefix: string }) {
  const t = useTranslations("comments.edit");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix });
  const field = f.field("body");
  const { className: _shared, ...control } = f.control("body", { fallback: body });
  return (
    <details className="text-xs open:basis-full" open={!!state.message && !state.ok} data-testid="edit-comment">
      <summary className="cursor-pointer text-teal-800">{t("summary")}</summary>
      <form action={action} className="mt-2 max-w-2xl space-y-2" aria-label={t("label")}>
        <input type="hidden" name="version" value={version} />
        <FormMessage message={state.ok ? null : state.message} tone="error" links={state.links} />
        <label htmlFor={field.id} className="sr-only">{t("label")}</label>
        <MentionTextarea {...control} key={f.answer} people={people} required maxLength={COMMENT_MAX} rows={3} />
        {field.errors?.length ? <p id={`${field.id}-error`} className="text-rose-700">{field.errors.join(" ")}</p> : null}
        <button type="submit" className={buttonClass.secondary} disabled={pending}>{pending ? t("pending") : t("submit")}</button>
      </form>
    </details>
  );
}

/** "Delete…": asks why; the thread then says who deleted it and why. */
export function DeleteCommentForm({ submit, version, idPrefix }: { submit: FormActionFn; version: number; idPrefix: string }) {
  const t = useTranslations("comments.delete");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix });
  const reason = f.field("reason");
  return (
    <details className="text-xs open:basis-full" open={!!state.message && !state.ok} data-testid="delete-comment">
      <summary className="cursor-pointer text-rose-800">{t("summary")}</summary>
      <form action={action} className="mt-2 max-w-md space-y-2" aria-label={t("submit")}>
        <input type="hidden" name="version" value={version} />
        <FormMessage message={state.ok ? null : state.message} tone="error" links={state.links} />
        <div className="space-y-1">
          <label htmlFor={reason.id} className="block font-medium text-stone-800">{t("reason")} <span aria-hidden="true">*</span></label>
          <textarea {...f.control("reason")} required maxLength={500} rows={2} dir="auto" placeholder={t("reasonPlaceholder")} />
          {reason.errors?.length ? <p id={`${reason.id}-error`} className="text-rose-700">{reason.errors.join(" ")}</p> : <p className="text-stone-500">{t("note")}</p>}
        </div>
        <button type="submit" className={buttonClass.danger} disabled={pending}>{pending ? t("pending") : t("submit")}</button>
      </form>
    </details>
  );
}
