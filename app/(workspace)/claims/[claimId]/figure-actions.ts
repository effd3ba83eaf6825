"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/server/database";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { type ActionState, actionStateFromError, formValues } from "@/lib/errors/action-state";
import { recordFigure } from "@/lib/figures/record-figure";
import type { TRecordFigure } from "@/lib/figures/schemas";

export async function recordFigureAction(claimId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  // The form shows either one value or the two ends of a range; send only what is shown, so a
  // value typed before switching to a range is not refused as "both".
  const amount = values.valueMode === "range" ? { valueMin: values.valueMin, valueMax: values.valueMax } : { value: values.value };
  try {
    await recordFigure(await getDb(), await getCurrentActor(), claimId, {
      // The schema refuses anything but a measure; the form sends one of its options.
      measure: values.measure as TRecordFigure["measure"],
      ...amount,
      scopePlace: values.scopePlace ?? "",
      scopePeriodFrom: values.scopePeriodFrom,
      scopePeriodTo: values.scopePeriodTo,
      asOf: values.asOf ?? "",
      sourceId: values.sourceId ?? "",
      note: values.note,
    });
  } catch (error) {
    return actionStateFromError(error, values);
  }
  revalidatePath(`/claims/${claimId}`);
  revalidatePath("/figures");
  // Keep the scope and source for the next report of the same series; clear the number.
  const { value: _v, valueMin: _min, valueMax: _max, note: _note, ...kept } = values;
  return { ok: true, message: "Figure recorded.", values: kept };
}
