"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { savePreferencesAction } from "@/app/(workspace)/settings/actions";
import { buttonClass, Field, FormMessage, formFields } from "@/components/ui/form";
import { type ActionState, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import { DIGITS, type Digits, LOCALE_NAMES, LOCALES, type Locale } from "@/lib/i18n/locales";

/**
 * A person's own settings: graphic media unblurred or not, low bandwidth (videos' small copy first, nothing large unasked), claims being written kept on the device or not, the interface's language ("follow my
 * browser" is the empty choice) and, for Arabic text, Latin or Arabic-Indic digits. Each language
 * is named in its own script, so a person who cannot read the current one still finds theirs.
 */
export function PreferencesForm({ revealGraphicMedia, lowBandwidth, deviceDrafts, locale, digits }: { revealGraphicMedia: boolean; lowBandwidth: boolean; deviceDrafts: boolean; locale: Locale | null; digits: Digits }) {
  const t = useTranslations("settings");
  const ui = useTranslations("ui");
  const [state, action, pending] = useActionState<ActionState, FormData>(savePreferencesAction, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "settings-" });
  // After a refusal the form shows what was sent; a checkbox sends nothing when unticked.
  const revealed = state.values ? state.values.revealGraphicMedia === "on" : revealGraphicMedia;
  const isLow = state.values ? state.values.lowBandwidth === "on" : lowBandwidth;
  const keepsDrafts = state.values ? state.values.deviceDrafts === "on" : deviceDrafts;
  return (
    <form action={action} className="space-y-5 rounded-lg border border-stone-200 bg-white p-5" aria-label={t("formLabel")} data-testid="preferences-form">
      <FormMessage message={state.message} tone="error" />
      <SettingBox key={`revealGraphicMedia-${f.answer}`} name="revealGraphicMedia" checked={revealed} label={t("revealGraphic")} hint={t("revealGraphicHint")} />
      <SettingBox key={`lowBandwidth-${f.answer}`} name="lowBandwidth" checked={isLow} label={t("lowBandwidth")} hint={t("lowBandwidthHint")} />
      <SettingBox key={`deviceDrafts-${f.answer}`} name="deviceDrafts" checked={keepsDrafts} label={t("deviceDrafts")} hint={t("deviceDraftsHint")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field {...f.field("locale")} label={t("language")} hint={t("languageHint")}>
          <select key={f.answer} {...f.control("locale", { fallback: locale ?? "" })}>
            <option value="">{t("followBrowser")}</option>
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>{LOCALE_NAMES[l]}</option>
            ))}
          </select>
        </Field>
        <Field {...f.field("digits")} label={t("digits")} hint={t("digitsHint")}>
          <select key={f.answer} {...f.control("digits", { fallback: digits })}>
            {DIGITS.map((d) => (
              <option key={d} value={d}>{t(`digitsOption.${d}`)}</option>
            ))}
          </select>
        </Field>
      </div>
      <button type="submit" className={buttonClass.primary} disabled={pending}>{pending ? ui("saving") : t("save")}</button>
    </form>
  );
}

/** One yes-or-no setting: a box, its name and what it does. */
function SettingBox({ name, checked, label, hint }: { name: string; checked: boolean; label: string; hint: string }) {
  return (
    <label className="flex items-start gap-3 text-sm">
      <input type="checkbox" name={name} defaultChecked={checked} className="mt-0.5 size-4 accent-teal-800" />
      <span>
        <span className="font-medium text-stone-900">{label}</span>
        <span className="block text-stone-600">{hint}</span>
      </span>
    </label>
  );
}
