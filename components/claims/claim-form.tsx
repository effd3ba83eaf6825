"use client";

import { useActionState } from "react";
import { submitClaimAction } from "@/app/(workspace)/claims/new/actions";
import { KIND_LABEL } from "@/components/ui/badges";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/ui/form";
import { CLAIM_KINDS, PLACE_PRECISIONS } from "@/lib/vocabulary";
import { type ActionState, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

const PRECISION_LABEL: Record<string, string> = {
  exact: "Exact spot",
  vicinity: "Vicinity (within about 1 km)",
  locality: "Locality (village or town)",
  region: "Region",
};

export function ClaimForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(submitClaimAction, INITIAL_ACTION_STATE);
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  const invalid = (name: string) => (e[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {});
  return (
    <form action={action} className="space-y-6" noValidate>
      <FormMessage message={state.message} tone="error" />
      <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
        <legend className="px-1 text-sm font-semibold text-stone-800">The claim</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="kind" label="Kind" errors={e.kind}>
            <select id="kind" name="kind" defaultValue={v.kind ?? ""} className={inputClass} {...invalid("kind")}>
              <option value="" disabled>Choose…</option>
              {CLAIM_KINDS.map((k) => (
                <option key={k} value={k}>{KIND_LABEL[k]}</option>
              ))}
            </select>
          </Field>
          <Field id="language" label="Language" hint="Code of the original: ar, en, fr…" errors={e.language}>
            <input id="language" name="language" defaultValue={v.language ?? "ar"} className={inputClass} {...invalid("language")} />
          </Field>
        </div>
        <Field id="title" label="Title" hint="One checkable statement." errors={e.title}>
          <input id="title" name="title" dir="auto" defaultValue={v.title} maxLength={300} className={inputClass} {...invalid("title")} />
        </Field>
        <Field id="summary" label="Summary" hint="What is claimed, by whom, and what would show it true or false." errors={e.summary}>
          <textarea id="summary" name="summary" dir="auto" rows={5} defaultValue={v.summary} className={inputClass} {...invalid("summary")} />
        </Field>
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
        <legend className="px-1 text-sm font-semibold text-stone-800">When and where</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="incidentDateFrom" label="Incident date (or start)" errors={e.incidentDateFrom}>
            <input id="incidentDateFrom" name="incidentDateFrom" type="date" defaultValue={v.incidentDateFrom} className={inputClass} {...invalid("incidentDateFrom")} />
          </Field>
          <Field id="incidentDateTo" label="End of range (optional)" errors={e.incidentDateTo}>
            <input id="incidentDateTo" name="incidentDateTo" type="date" defaultValue={v.incidentDateTo} className={inputClass} {...invalid("incidentDateTo")} />
          </Field>
        </div>
        <Field id="placeName" label="Place" errors={e.placeName}>
          <input id="placeName" name="placeName" dir="auto" defaultValue={v.placeName} className={inputClass} {...invalid("placeName")} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="latitude" label="Latitude (optional)" errors={e.latitude}>
            <input id="latitude" name="latitude" inputMode="decimal" defaultValue={v.latitude} className={inputClass} {...invalid("latitude")} />
          </Field>
          <Field id="longitude" label="Longitude (optional)" errors={e.longitude}>
            <input id="longitude" name="longitude" inputMode="decimal" defaultValue={v.longitude} className={inputClass} {...invalid("longitude")} />
          </Field>
          <Field id="placePrecision" label="Precision" errors={e.placePrecision}>
            <select id="placePrecision" name="placePrecision" defaultValue={v.placePrecision ?? ""} className={inputClass} {...invalid("placePrecision")}>
              <option value="">—</option>
              {PLACE_PRECISIONS.map((p) => (
                <option key={p} value={p}>{PRECISION_LABEL[p]}</option>
              ))}
            </select>
          </Field>
        </div>
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
        <legend className="px-1 text-sm font-semibold text-stone-800">Where you first saw it</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="firstSeenSourceName" label="Source" hint="Outlet, account or channel." errors={e.firstSeenSourceName}>
            <input id="firstSeenSourceName" name="firstSeenSourceName" dir="auto" defaultValue={v.firstSeenSourceName} className={inputClass} {...invalid("firstSeenSourceName")} />
          </Field>
          <Field id="firstSeenUrl" label="URL" errors={e.firstSeenUrl}>
            <input id="firstSeenUrl" name="firstSeenUrl" type="url" defaultValue={v.firstSeenUrl} className={inputClass} {...invalid("firstSeenUrl")} />
          </Field>
        </div>
      </fieldset>

      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClass.primary} disabled={pending}>
          {pending ? "Submitting…" : "Submit claim"}
        </button>
        <span className="text-xs text-stone-500">It goes to triage; you can follow it in My submissions.</span>
      </div>
    </form>
  );
}
