import { useTranslations } from "next-intl";
import { Field, inputClass } from "@/components/ui/form";
import type { FieldErrors } from "@/lib/errors/app-error";

type Details = { sex: string | null; age: number | null; incidentDate: string | null; placeName: string | null };

/** Sex, age, date and place of a person: the same fields when adding one and when correcting one. */
/**
 * `sent`: the values a refused post sent, shown again instead of `current`; `answer`: the form's
 * answer key for the select (`answerKey`, components/ui/form.tsx).
 */
export function PersonDetailFields({ idPrefix, errors, current, sent, answer, className }: {
  idPrefix: string;
  errors?: FieldErrors;
  current?: Details;
  sent?: Record<string, string>;
  answer?: string;
  className: string;
}) {
  const t = useTranslations("persons.fields");
  const shown = (name: keyof Details) => sent?.[name] ?? current?.[name] ?? "";
  return (
    <div className={className}>
      <Field id={`${idPrefix}-sex`} label={t("sex")} errors={errors?.sex}>
        <select key={answer} id={`${idPrefix}-sex`} name="sex" defaultValue={shown("sex")} className={inputClass}>
          <option value="">{t("sexUnknown")}</option>
          <option value="female">{t("female")}</option>
          <option value="male">{t("male")}</option>
        </select>
      </Field>
      <Field id={`${idPrefix}-age`} label={t("age")} errors={errors?.age}>
        <input id={`${idPrefix}-age`} name="age" inputMode="numeric" defaultValue={shown("age")} className={inputClass} aria-invalid={!!errors?.age} />
      </Field>
      <Field id={`${idPrefix}-date`} label={t("date")} errors={errors?.incidentDate}>
        <input id={`${idPrefix}-date`} name="incidentDate" type="date" defaultValue={shown("incidentDate")} className={inputClass} />
      </Field>
      <Field id={`${idPrefix}-place`} label={t("place")} errors={errors?.placeName}>
        <input id={`${idPrefix}-place`} name="placeName" dir="auto" defaultValue={shown("placeName")} className={inputClass} />
      </Field>
    </div>
  );
}
