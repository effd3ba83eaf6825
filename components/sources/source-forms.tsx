"use client";

import { useActionState } from "react";
import { createSourceAction } from "@/app/(workspace)/sources/actions";
import { buttonClass, Field, FormMessage, formFields, inputClass } from "@/components/ui/form";
import { RELIABILITIES, SOURCE_KINDS } from "@/lib/vocabulary";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import { RELIABILITY_LABEL } from "./reliability";

type Option = { id: string; name: string };


function SourceSelect({ id, name, options, value, empty = "— none —", answer }: { id: string; name: string; options: Option[]; value?: string | null; empty?: string; answer?: string }) {
  return (
    <select key={answer} id={id} name={name} defaultValue={value ?? ""} className={inputClass}>
      <option value="">{empty}</option>
      {options.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
    </select>
  );
}

export function CreateSourceForm({ options, required }: { options: Option[]; required: readonly string[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createSourceAction, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "source-", required });
  return (
    <form action={action} className="space-y-3" aria-label="New source" data-testid="create-source-form">
      <FormMessage message={state.message} tone="error" />
      <Field {...f.field("name")} label="Name">
        <input {...f.control("name")} dir="auto" />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field {...f.field("kind")} label="Kind">
          <select key={f.answer} {...f.control("kind", { fallback: "outlet" })}>
            {SOURCE_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </Field>
        <Field {...f.field("reliability")} label="Reliability (Admiralty)">
          <select key={f.answer} {...f.control("reliability", { fallback: "F" })}>
            {RELIABILITIES.map((r) => <option key={r} value={r}>{RELIABILITY_LABEL[r]}</option>)}
          </select>
        </Field>
      </div>
      <Field {...f.field("reliabilityRationale", { id: "source-rationale" })} label="Why this rating">
        <textarea {...f.control("reliabilityRationale", { id: "source-rationale" })} rows={2} dir="auto" />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field {...f.field("url")} label="URL">
          <input {...f.control("url")} type="url" />
        </Field>
        <Field {...f.field("handles")} label="Handles (comma-separated)">
          <input {...f.control("handles")} />
        </Field>
      </div>
      <Field {...f.field("affiliatedWithId", { id: "source-affiliated" })} label="Affiliated with">
        <SourceSelect id="source-affiliated" name="affiliatedWithId" options={options} value={f.values.affiliatedWithId} />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="protected" className="size-4 accent-teal-800" />
        Protected: an anonymous contact whose identity never leaves the workspace
      </label>
      <button type="submit" className={buttonClass.primary} disabled={pending}>{pending ? "Saving…" : "Add source"}</button>
    </form>
  );
}

export function RateSourceForm({ submit, sourceId, version, reliability, rationale, affiliatedWithId, isProtected, options }: {
  submit: FormActionFn;
  sourceId: string;
  version: number;
  reliability: string;
  rationale: string | null;
  affiliatedWithId: string | null;
  isProtected: boolean;
  options: Option[];
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "rate-" });
  return (
    <form action={action} className="space-y-3" aria-label="Rate source" data-testid="rate-source-form">
      <input type="hidden" name="version" value={version} />
      <FormMessage message={state.message} tone="error" />
      <Field {...f.field("reliability", { id: "rate-reliability" })} label="Reliability">
        <select key={f.answer} id="rate-reliability" name="reliability" defaultValue={f.values.reliability ?? reliability} className={inputClass}>
          {RELIABILITIES.map((r) => <option key={r} value={r}>{RELIABILITY_LABEL[r]}</option>)}
        </select>
      </Field>
      <Field {...f.field("reliabilityRationale", { id: "rate-rationale" })} label="Rationale">
        <textarea id="rate-rationale" name="reliabilityRationale" rows={2} dir="auto" defaultValue={f.values.reliabilityRationale ?? rationale ?? ""} className={inputClass} />
      </Field>
      <Field {...f.field("affiliatedWithId", { id: "rate-affiliated" })} label="Affiliated with">
        <SourceSelect id="rate-affiliated" name="affiliatedWithId" options={options.filter((o) => o.id !== sourceId)} value={f.values.affiliatedWithId ?? affiliatedWithId} answer={f.answer} />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="protected" defaultChecked={isProtected} className="size-4 accent-teal-800" />
        Protected
      </label>
      <button type="submit" className={buttonClass.secondary} disabled={pending}>{pending ? "Saving…" : "Save"}</button>
    </form>
  );
}

export function AddCitationForm({ submit, sourceId, options }: { submit: FormActionFn; sourceId: string; options: Option[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" aria-label="Add a citation" data-testid="citation-form">
      <div className="min-w-48 flex-1">
        <label htmlFor="cites" className="mb-1 block text-sm font-medium text-stone-800">This source cites</label>
        <SourceSelect id="cites" name="citesSourceId" options={options.filter((o) => o.id !== sourceId)} empty="Choose a source…" />
      </div>
      <button type="submit" className={buttonClass.secondary} disabled={pending}>{pending ? "Saving…" : "Add citation"}</button>
      {state.message ? <div className="w-full"><FormMessage message={state.fieldErrors?.citesSourceId?.join(" ") ?? state.message} tone="error" /></div> : null}
    </form>
  );
}
