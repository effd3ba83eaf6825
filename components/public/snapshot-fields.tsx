import type { Locale } from "@/lib/i18n/locales";
import type { PublicEntryDto } from "@/lib/publishing/public-entries";
import { entrySpeech, EVIDENCE_KIND_KEY } from "./entry-speech";

type Withheld = { privatePersons: number; protectedSources: number; figuresWithoutSource: number };

/** The public fields one by one, then what stays private, so an editor can check each before publishing. */
export async function SnapshotFields({ entry, withheld, locale }: { entry: PublicEntryDto; withheld: Withheld; locale?: Locale }) {
  const { t, words, formats } = await entrySpeech(locale);
  const none = t("fields.none");
  const list = (items: string[] | undefined, separator: string) => (items?.length ? items.join(separator) : none);
  const { place } = entry;
  const coordinates =
    place.latitude !== null
      ? t("fields.coordinates", { latitude: String(place.latitude), longitude: String(place.longitude), precision: t("map.precision", { precision: place.precision ?? "none" }) })
      : null;
  const kinds = entry.evidence?.byKind.map((k) => t("fields.kindCount", { count: k.count, kind: t(`evidence.kind.${EVIDENCE_KIND_KEY[k.kind]}`) }));
  const namedSources = [...new Set(entry.origins?.origins.flatMap((o) => o.sources.map((s) => s.name)) ?? [])];
  const rows: [string, string][] = [
    [t("fields.kind"), words.kind(entry.kind)],
    [t("fields.title"), entry.title],
    [t("fields.summary"), entry.summary],
    [t("fields.language"), words.language(entry.language)],
    [t("fields.incidentDate"), formats.incidentDate(entry.incidentDate) ?? "—"],
    [t("fields.place"), [place.name, coordinates].filter(Boolean).join(" · ") || "—"],
    [t("fields.grade"), entry.grade ? words.grade(entry.grade) : "—"],
    [t("fields.evidence"), t("fields.evidenceValue", { count: entry.evidence?.items ?? 0, kinds: list(kinds, t("listSeparator")) })],
    [t("fields.origins"), t("fields.originsValue", { count: entry.origins?.count ?? 0, names: list(namedSources, t("listSeparator")) })],
    [t("fields.persons"), list(entry.persons?.map((p) => t("fields.person", { names: p.names.join(" / "), role: p.role })), t("itemSeparator"))],
    [
      t("fields.figures"),
      list(
        entry.figures?.map((f) =>
          t("fields.figure", {
            range: f.atLeast ? `≥ ${f.valueMin}` : f.valueMin === f.valueMax ? String(f.valueMin) : `${f.valueMin}–${f.valueMax}`,
            measure: f.measure,
            asOf: f.asOf,
            source: f.source?.name ?? t("fields.sourceWithheld"),
          }),
        ),
        t("itemSeparator"),
      ),
    ],
    [t("fields.appearances"), list(entry.appearances, ", ")],
  ];
  return (
    <section aria-labelledby="fields-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-5" data-testid="snapshot-fields">
      <h2 id="fields-heading" className="text-lg">{t("fields.heading")}</h2>
      <dl className="divide-y divide-stone-100 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="grid gap-1 py-2 sm:grid-cols-[10rem_1fr]">
            <dt className="font-medium text-stone-700">{label}</dt>
            <dd className="whitespace-pre-line break-words" dir="auto">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="rounded-md bg-stone-50 p-3 text-sm text-stone-700" data-testid="stays-private">
        <p className="font-medium">{t("fields.staysPrivate")}</p>
        <p>{t("fields.privateText", { persons: withheld.privatePersons, sources: withheld.protectedSources, figures: withheld.figuresWithoutSource })}</p>
      </div>
    </section>
  );
}
