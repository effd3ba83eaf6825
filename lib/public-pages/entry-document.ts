import { publicPath } from "@/lib/i18n/public-paths";
import { type Html, html, type HtmlValue, richHtml, safeUrl, tag, trustedHtml } from "@/lib/html/html";
import { buildClaimReview, jsonForScript } from "@/lib/publishing/claim-review";
import type { PublicEntryDetailDto, PublicEntryVersionDetailDto } from "@/lib/publishing/public-entries";
import { EVIDENCE_KIND_KEY, type PublicEvidenceSummary, type PublicFigure, type PublicOrigins, type PublicPerson } from "@/lib/publishing/snapshot";
import type { VersionChange } from "@/lib/publishing/version-changes";
import { MAP_TILE_ORIGIN } from "@/lib/security/content-security-policy";
import { PERSON_ROLES, type PlacePrecision } from "@/lib/vocabulary";
import { publicShell } from "./shell";
import type { PublicSpeech } from "./speech";

/** Where the page's bytes are recorded: the publication's event, the event that seals the pages, the version's JSON. */
export type EntrySeal = { publicationSeq: number; sealSeq: number; snapshotSha256: string };

export type EntryDocumentInput = {
  speech: PublicSpeech;
  /** The entry as it stood when this version was published: its history ends with it. */
  entry: PublicEntryDetailDto;
  version: PublicEntryVersionDetailDto;
  /** Null only for the editors' preview of a version not yet published (nothing is sealed yet). */
  seal: EntrySeal | null;
  origin: string | undefined;
};

const ltr = (text: HtmlValue) => html`<bdi dir="ltr">${text}</bdi>`;

/**
 * One version of a public entry as a document of its own, in one language: rendered once when the
 * version is published (lib/public-pages/seal-entry-pages.ts), kept, hashed into the audit chain,
 * and served as those bytes for good. It says nothing that a later version could make untrue: not
 * whether it is the newest (its address without a version always serves the newest), only where
 * the newest is read. Readable with no script; the map is a picture that links to a map site.
 */
export function renderEntryDocument({ speech, entry, version, seal, origin }: EntryDocumentInput): string {
  const t = speech.t("entry");
  const { words, formats, locale } = speech;
  const versionPage = speech.t("publicDocument");
  const review = buildClaimReview({ ...version, firstPublishedAt: entry.firstPublishedAt }, origin ?? "", {
    language: locale,
    gradeName: words.grade,
    explanation: (grade) => t("claimReview.explanation", { meaning: words.gradeMeaning(grade) }),
    retracted: t("claimReview.retracted"),
  });
  const original = version.language.split("-")[0];
  const translation = original !== locale ? version.translations?.[locale] : undefined;
  const shown = translation && !translation.outdated ? translation : version;
  const title = version.isRetracted ? t("retractedTitle", { title: shown.title }) : shown.title;
  const entryPage = publicPath(locale, entry.url);
  const sealLine = seal ? html`<p data-testid="page-seal" data-publication-event="${seal.publicationSeq}" data-seal-event="${seal.sealSeq}">${richHtml(
    versionPage.rich("seal", {
      publication: seal.publicationSeq,
      sealed: seal.sealSeq,
      code: tag((chunks) => html`<code>${chunks}</code>`),
    }),
  )} <bdi dir="ltr" class="mono" data-testid="snapshot-sha256">${seal.snapshotSha256}</bdi></p>
<p><a href="${publicPath(locale, "/methodology")}#verify">${versionPage("howToCheck")}</a></p>` : "";
  const body = html`<div role="note" class="note" data-testid="version-banner">
<p class="strong">${versionPage("versionOf", { version: version.version, change: version.change, date: formats.dateTime(version.publishedAt) })}</p>
<p>${richHtml(versionPage.rich("newestAt", { link: tag((chunks) => html`<a href="${entryPage}">${chunks}</a>`) }))}</p>
</div>
${entryArticle(speech, entry, version, version.version > 1 || version.changeNote ? changesSection(speech, version) : "")}`;
  return publicShell({
    speech,
    title,
    description: shown.summary.slice(0, 200),
    path: version.url,
    origin,
    head: html`<script type="application/ld+json">${trustedHtml(jsonForScript(review))}</script>`,
    footer: sealLine,
    body,
  });
}

/** What this version changed against the one before, or what a first publication said. */
function changesSection(speech: PublicSpeech, version: PublicEntryVersionDetailDto): Html {
  const t = speech.t("entry");
  return html`<section aria-labelledby="changes-heading">
<h2 id="changes-heading">${version.version === 1 ? t("versionPage.whatPublished") : t("versionPage.whatChanged", { previous: version.version - 1 })}</h2>
${version.changeNote ? html`<p class="small" data-testid="version-change-note"><span class="strong">${t("versionPage.note", { change: version.change })}</span><span dir="auto">${version.changeNote}</span></p>` : ""}
${version.version > 1 ? versionChanges(speech, version.changes) : ""}
</section>`;
}

/** What a version changed, field by field: before → after, or the items added and removed. */
export function versionChanges(speech: PublicSpeech, changes: VersionChange[]): Html {
  const t = speech.t("entry");
  const { words } = speech;
  const shown = (field: VersionChange["field"], value: string | null): string => {
    if (value === null) return t("changes.none");
    if (field === "grade") return words.grade(value);
    if (field === "kind") return words.kind(value);
    if (field === "language") return words.languageName(value);
    return value;
  };
  if (changes.length === 0) return html`<p class="small muted" data-testid="version-changes">${t("changes.nothing")}</p>`;
  return html`<dl class="small" data-testid="version-changes">${changes.map(
    (change) => html`<div class="box" data-field="${change.field}"><dt class="strong">${t(`changes.field.${change.field}`)}</dt>${
      "before" in change
        ? html`<dd dir="auto"><p class="muted"><span class="sr">${t("changes.before")}</span><del>${shown(change.field, change.before)}</del></p><p><span class="sr">${t("changes.after")}</span><ins>${t("changes.becomes", { value: shown(change.field, change.after) })}</ins></p></dd>`
        : html`<dd><ul class="plain break">${change.added.map((item) => html`<li dir="auto"><span class="added">${t("changes.added")}</span> ${item}</li>`)}${change.removed.map(
            (item) => html`<li dir="auto"><span class="removed">${t("changes.removed")}</span> ${item}</li>`,
          )}</ul></dd>`
    }</div>`,
  )}</dl>`;
}

/**
 * The entry as readers see it: its statement, grade, place and time, figures, persons, evidence,
 * then what this version changed (`changes`) and the history of its versions.
 */
function entryArticle(speech: PublicSpeech, entry: PublicEntryDetailDto, version: PublicEntryVersionDetailDto, changes: HtmlValue): Html {
  const t = speech.t("entry");
  const { words, formats, locale } = speech;
  const incident = formats.incidentDate(version.incidentDate);
  const original = version.language.split("-")[0];
  const translated = original !== locale;
  const translation = translated ? version.translations?.[locale] : undefined;
  const textLanguage = translation ? locale : version.language;
  const { latitude, longitude } = version.place;
  return html`<article>
${version.isRetracted ? html`<div role="note" class="note alert" data-testid="retraction-banner"><p class="strong">${t("retractedOn", { date: formats.dateTime(version.publishedAt) })}</p>${version.changeNote ? html`<p dir="auto">${version.changeNote}</p>` : ""}</div>` : ""}
<header>
<p class="small muted">${t("byline", { kind: words.kind(version.kind), version: version.version, date: formats.dateTime(entry.firstPublishedAt) })}</p>
<h1 dir="auto" lang="${textLanguage}" data-testid="entry-title">${translation?.title ?? version.title}</h1>
</header>
${translated ? html`<div role="note" class="note" data-testid="translation-note">${
    translation
      ? translation.outdated
        ? t("translationOutdated", { language: words.languageName(original) })
        : t("translatedFrom", { language: words.languageName(original) })
      : t("noTranslation", { language: words.languageName(original) })
  }</div>` : ""}
<p class="lead" dir="auto" lang="${textLanguage}">${translation?.summary ?? version.summary}</p>
${translation ? html`<details class="box small" data-testid="original-text"${translation.outdated ? " open" : ""}><summary class="muted">${t("readOriginal", { language: words.languageName(original) })}</summary><p class="strong" dir="auto" lang="${version.language}">${version.title}</p><p class="pre" dir="auto" lang="${version.language}">${version.summary}</p></details>` : ""}
<dl class="facts box">
<div><dt>${t("ourGrade")}</dt><dd class="strong" data-testid="entry-grade">${version.grade ? words.grade(version.grade) : words.notGraded()}</dd>${
    version.grade ? html`<dd>${words.gradeMeaning(version.grade)} <a href="${publicPath(locale, "/methodology#grades")}">${t("howWeGrade")}</a></dd>` : ""
  }</div>
<div><dt>${t("when")}</dt><dd>${incident ?? t("notEstablished")}</dd></div>
<div><dt>${t("where")}</dt>${version.place.name ? html`<dd dir="auto">${version.place.name}</dd>` : html`<dd>${t("notEstablished")}</dd>`}</div>
</dl>
${latitude !== null && longitude !== null ? placeMap(speech, latitude, longitude, version.place.precision, version.place.name) : ""}
${figuresSection(speech, version.figures)}
${personsSection(speech, version.persons)}
${evidenceSection(speech, version.evidence, version.origins)}
${version.appearances?.length ? html`<section aria-labelledby="appearances-heading"><h2 id="appearances-heading">${t("appearances")}</h2><ul class="small">${version.appearances.map((url) => {
    const href = safeUrl(url);
    return html`<li class="break">${href ? html`<a href="${href}" rel="noopener noreferrer nofollow">${ltr(url)}</a>` : ltr(url)}</li>`;
  })}</ul></section>` : ""}
${changes}
<section aria-labelledby="history-heading">
<h2 id="history-heading">${t("history")}</h2>
<ol class="plain" data-testid="entry-history">${[...entry.history].reverse().map(
    (v) => html`<li class="box small"><p>${
      v.version === version.version
        ? html`<span class="strong" aria-current="page">${t("version", { version: v.version })}</span>`
        : html`<a class="strong" href="${publicPath(locale, `/entries/${entry.slug}/v/${v.version}`)}">${t("version", { version: v.version })}</a>`
    } · ${t("change", { change: v.change })} · <time datetime="${v.publishedAt}">${formats.dateTime(v.publishedAt)}</time></p>${
      v.changeNote ? html`<p class="muted" dir="auto">${v.changeNote}</p>` : ""
    }${v.change !== "retraction" && v.snapshot.title !== version.title ? html`<p class="muted">${richHtml(t.rich("titleThen", { title: v.snapshot.title, bdi: tag((chunks) => html`<bdi>${chunks}</bdi>`) }))}</p>` : ""}</li>`,
  )}</ol>
</section>
</article>`;
}

// How far from the point the place may be, by the precision the reviewers gave, and the zoom that shows it.
const RADIUS_M: Record<PlacePrecision, number> = { exact: 30, vicinity: 1_000, locality: 5_000, region: 30_000 };
const ZOOM: Record<PlacePrecision, number> = { exact: 16, vicinity: 13, locality: 11, region: 8 };

/**
 * The place as a picture: the four OpenStreetMap tiles around it, with a circle as wide as the place
 * is known (never a pin), linked to the map site. No script; the coordinates are written under it.
 * North is up and east is right in either language (`dir="ltr"`). The tiles are asked for with the
 * site's origin as Referer (OSM's tile policy wants one; the page's own policy would send none),
 * never the entry's address, and only when the reader scrolls to them.
 */
export function placeMap(speech: PublicSpeech, latitude: number, longitude: number, precision: PlacePrecision | null, name: string | null): Html {
  const t = speech.t("entry");
  const level = precision ?? "locality";
  const zoom = ZOOM[level];
  const scale = 2 ** zoom;
  const x = ((longitude + 180) / 360) * scale;
  const rad = (latitude * Math.PI) / 180;
  const y = ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * scale;
  // The 2×2 tiles whose middle is nearest the point: it lies in their central half.
  const left = Math.floor(x - 0.5);
  const top = Math.min(Math.max(Math.floor(y - 0.5), 0), scale - 2);
  // Metres per pixel at this latitude and zoom (256-pixel tiles).
  const metresPerPixel = (156_543.03392 * Math.cos(rad)) / scale;
  const radius = Math.max(6, Math.min(200, RADIUS_M[level] / metresPerPixel));
  const tile = (dx: number, dy: number) =>
    html`<img class="t${dx + 2 * dy}" src="${MAP_TILE_ORIGIN}/${zoom}/${(((left + dx) % scale) + scale) % scale}/${top + dy}.png" alt="" width="256" height="256" loading="lazy" decoding="async" referrerpolicy="strict-origin">`;
  const osm = `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=${zoom}/${latitude}/${longitude}`;
  const label = name ? t("map.label", { name }) : t("map.labelUnnamed");
  return html`<figure data-testid="entry-map">
<a class="map" dir="ltr" href="${osm}" rel="noopener noreferrer" aria-label="${label}${t("map.open")}">${tile(0, 0)}${tile(1, 0)}${tile(0, 1)}${tile(1, 1)}<svg viewBox="0 0 512 512" aria-hidden="true"><circle cx="${((x - left) * 256).toFixed(1)}" cy="${((y - top) * 256).toFixed(1)}" r="${radius.toFixed(1)}"/></svg></a>
<figcaption class="tiny muted">${ltr(`${latitude}, ${longitude}`)} (${t("map.precision", { precision: precision ?? "none" })}) · <a href="${osm}" rel="noopener noreferrer">${t("map.open")}</a> · <a href="https://www.openstreetmap.org/copyright" rel="noopener noreferrer">${t("map.attribution")}</a></figcaption>
</figure>`;
}

/** Reported figures with their ranges and sources; the range across sources per measure and scope. */
function figuresSection(speech: PublicSpeech, figures: PublicFigure[] | undefined): HtmlValue {
  if (!figures?.length) return null;
  const t = speech.t("entry");
  const { words, formats } = speech;
  const keyOf = (f: PublicFigure) => `${f.measure}|${f.scope.place}|${f.scope.periodFrom}|${f.scope.periodTo}`;
  const scopes = [...new Map(figures.map((f) => [keyOf(f), f])).entries()];
  return html`<section aria-labelledby="figures-heading" data-testid="entry-figures">
<h2 id="figures-heading">${t("figures.heading")}</h2>
${scopes.map(([key, first]) => {
  const series = figures.filter((f) => keyOf(f) === key);
  const latestBySource = new Map(series.map((f) => [f.source?.name ?? "withheld", f]));
  const lows = [...latestBySource.values()].map((f) => f.valueMin);
  const highs = [...latestBySource.values()].map((f) => f.valueMax);
  const period = formats.period(first.scope.periodFrom, first.scope.periodTo);
  return html`<div class="box">
<p class="small">${richHtml(
    t.rich("figures.range", {
      measure: words.measure(first.measure),
      place: first.scope.place,
      hasPeriod: String(period !== null),
      period: period ?? "",
      range: formats.range(Math.min(...lows), Math.max(...highs)),
      sources: latestBySource.size,
      strong: tag((chunks) => html`<strong>${chunks}</strong>`),
      auto: tag((chunks) => html`<span dir="auto">${chunks}</span>`),
    }),
  )}</p>
<div class="scroll"><table><caption class="sr">${t("figures.caption", { measure: words.measure(first.measure).toLowerCase(), place: first.scope.place })}</caption>
<thead><tr><th scope="col">${t("figures.asOf")}</th><th scope="col">${t("figures.reported")}</th><th scope="col">${t("figures.source")}</th></tr></thead>
<tbody>${series.map((f) => html`<tr><td class="nw">${formats.date(f.asOf)}</td><td class="num">${formats.reported(f)}</td><td dir="auto">${f.source?.name ?? t("figures.withheld")}</td></tr>`)}</tbody>
</table></div>
</div>`;
})}
</section>`;
}

/** The persons an editor published with the entry, by role. */
function personsSection(speech: PublicSpeech, persons: PublicPerson[] | undefined): HtmlValue {
  if (!persons?.length) return null;
  const t = speech.t("entry");
  const { words, formats } = speech;
  return html`<section aria-labelledby="persons-heading" data-testid="entry-persons">
<h2 id="persons-heading">${t("persons.heading")}</h2>
${PERSON_ROLES.filter((role) => persons.some((p) => p.role === role)).map(
  (role) => html`<div><h3>${words.personRolePlural(role)}</h3><ul class="plain small">${persons
    .filter((p) => p.role === role)
    .map((p) => {
      const details = [p.age !== null ? t("persons.age", { age: p.age }) : null, p.incidentDate ? formats.date(p.incidentDate) : null, p.placeName ? html`<bdi>${p.placeName}</bdi>` : null].filter(
        (d) => d !== null,
      );
      return html`<li><bdi class="strong">${p.names[0]}</bdi>${
        p.names.length > 1
          ? html`<span class="muted"> · ${richHtml(t.rich("persons.also", { names: p.names.slice(1).join(t("listSeparator")), bdi: tag((chunks) => html`<bdi>${chunks}</bdi>`) }))}</span>`
          : ""
      }<span class="muted">${details.map((d) => html` · ${d}`)}</span></li>`;
    })}</ul></div>`,
)}
</section>`;
}

/** How many items of what kind, each with its SHA-256, and the independent origins behind them. */
function evidenceSection(speech: PublicSpeech, evidence: PublicEvidenceSummary | undefined, origins: PublicOrigins | undefined): HtmlValue {
  if (!evidence) return null;
  const t = speech.t("entry");
  const kinds = evidence.byKind.map((k) => t(`evidence.kindCount.${EVIDENCE_KIND_KEY[k.kind]}`, { count: k.count })).join(t("listSeparator"));
  const counts = { items: evidence.items, hasKinds: String(evidence.byKind.length > 0), kinds };
  return html`<section aria-labelledby="evidence-heading" data-testid="entry-evidence">
<h2 id="evidence-heading">${t("evidence.heading")}</h2>
<p>${
    origins
      ? richHtml(
          t.rich("evidence.summaryWithOrigins", {
            ...counts,
            origins: origins.count,
            supporting: origins.supporting,
            contradicting: origins.contradicting,
            strong: tag((chunks) => html`<strong>${chunks}</strong>`),
          }),
        )
      : t("evidence.summary", counts)
  }</p>
${origins?.origins.length ? html`<ul class="plain small" data-testid="entry-origins">${origins.origins.map(
    (o, i) => html`<li class="box">${richHtml(t.rich("evidence.origin", { n: i + 1, stance: o.stance, label: tag((chunks) => html`<span class="strong">${chunks}</span>`) }))}${
      o.firstHand ? ` · ${t("evidence.firstHand")}` : ""
    } · ${t("evidence.originItems", { count: o.items })}${
      o.sources.length ? html` · <span dir="auto">${o.sources.map((s) => t("evidence.sourceReliability", { name: s.name, reliability: s.reliability })).join("; ")}</span>` : ""
    }${o.withheldSources ? ` · ${t("evidence.withheldSources", { count: o.withheldSources })}` : ""}</li>`,
  )}</ul>` : ""}
${evidence.hashes.length ? html`<h3>${t("evidence.hashes")}</h3><ul class="plain" data-testid="entry-hashes">${evidence.hashes.map((h) => {
    const kind = t(`evidence.kind.${EVIDENCE_KIND_KEY[h.kind]}`);
    return "sha256" in h
      ? html`<li><bdi dir="ltr" class="mono">${h.sha256}</bdi> <span class="muted small">(${kind})</span></li>`
      : html`<li data-commitment><bdi dir="ltr" class="mono">${h.commitment}</bdi> <span class="muted small">(${kind} · ${t("evidence.sealed")})</span></li>`;
  })}</ul>` : ""}
${evidence.hashes.some((h) => "commitment" in h) ? html`<p class="muted small" data-testid="entry-commitment-note">${t("evidence.commitmentNote")}</p>` : ""}
${evidence.withheld ? html`<p class="muted small" data-testid="entry-withheld-items">${t("evidence.withheldItems", { count: evidence.withheld })}</p>` : ""}
</section>`;
}

