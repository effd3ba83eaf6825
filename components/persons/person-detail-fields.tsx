import { Field, inputClass } from "@/components/ui/form";
import type { FieldErrors } from "@/lib/errors/app-error";

type Details = { sex: string | null; age: number | null; incidentDate: string | null; placeName: string | null };

/** Sex, age, date and place of a person: the same fields when adding one and when correcting one. */
export function PersonDetailFields({ idPrefix, errors, current, className }: { idPrefix: string; errors?: FieldErrors; current?: Details; className: string }) {
  return (
    <div className={className}>
      <Field id={`${idPrefix}-sex`} label="Sex" errors={errors?.sex}>
        <select id={`${idPrefix}-sex`} name="sex" defaultValue={current?.sex ?? ""} className={inputClass}>
          <option value="">Not known</option>
          <option value="female">Female</option>
          <option value="male">Male</option>
        </select>
      </Field>
      <Field id={`${idPrefix}-age`} label="Age" errors={errors?.age}>
        <input id={`${idPrefix}-age`} name="age" inputMode="numeric" defaultValue={current?.age ?? ""} className={inputClass} aria-invalid={!!errors?.age} />
      </Field>
      <Field id={`${idPrefix}-date`} label="Date of death or incident" errors={errors?.incidentDate}>
        <input id={`${idPrefix}-date`} name="incidentDate" type="date" defaultValue={current?.incidentDate ?? ""} className={inputClass} />
      </Field>
      <Field id={`${idPrefix}-place`} label="Place" errors={errors?.placeName}>
        <input id={`${idPrefix}-place`} name="placeName" dir="auto" defaultValue={current?.placeName ?? ""} className={inputClass} />
      </Field>
    </div>
  );
}
