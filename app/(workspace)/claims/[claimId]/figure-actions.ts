"use server";

import { getTranslations } from "next-intl/server";
import type { ActionState } from "@/lib/errors/action-state";
import { recordFigure } from "@/lib/figures/record-figure";
import { formAction } from "@/lib/server/doors";

export async function recordFigureAction(claimId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    // The form shows either one value or the two ends of a range; send only what is shown, so a
    // value typed before switching to a range is not refused as "both".
    const amount = values.valueMode === "range" ? { valueMin: values.valueMin, valueMax: values.valueMax } : { value: values.value };
    await recordFigure(db, actor, claimId, {
      measure: values.measure,
      ...amount,
      scopePlace: values.scopePlace ?? "",
      scopePeriodFrom: values.scopePeriodFrom,
      scopePeriodTo: values.scopePeriodTo,
      asOf: values.asOf ?? "",
      sourceId: values.sourceId ?? "",
      note: values.note,
    });
    // Keep the scope and source for the next report of the same series; clear the number.
    const { value: _v, valueMin: _min, valueMax: _max, note: _note, ...kept } = values;
    return { message: (await getTranslations("figures"))("actions.recorded"), refresh: [`/claims/${claimId}`, "/figures"], values: kept };
  });
}
