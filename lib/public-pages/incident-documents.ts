import { html, type HtmlValue, richHtml, tag } from "@/lib/html/html";
import { publicPath } from "@/lib/i18n/public-paths";
import type { PublicIncident } from "@/lib/incidents/public-incidents";
import type { PublicIncidentSnapshot, PublicTally } from "@/lib/incidents/public-snapshot";
import { AGE_BANDS, CASUALTY_CAUSES, CASUALTY_STATUSES, DATE_PRECISIONS, GRADES, INCIDENT_TYPES, PLACE_PRECISIONS } from "@/lib/vocabulary";
import { placeMap } from "./entry-document";
import { publicShell } from "./shell";
import type { PublicSpeech } from "./speech";

const strong = tag((chunks) => html`<strong>${chunks}</strong>`);
const bdi = tag((chunks) => html`<bdi>${chunks}</bdi>`);

/** The incident's title in the reader's language when it has one, else as written. */
function titleIn(speech: PublicSpeech, incident: Pick<PublicIncidentSnapshot, "title" | "language" | "translations">): string {
  return incident.language === speech.locale ? incident.title : (incident.translations[speech.locale]?.title ?? incident.title);
}

/** "212 recorded, 180 named, of 300–380 reported": the tally in words, numbers formatted. */
function tallyLine(speech: PublicSpeech, tally: PublicTally, named: number | null): string {
  const t = speech.t("publicIncidents");
  const { formats } = speech;
  const r = tally.reported;
  const reported = r === null ? null : r.open ? t("tally.atLeast", { value: formats.number(r.high), low: formats.number(r.low), single: r.low === r.high ? "yes" : "no" }) : formats.range(r.low, r.high);
  return t("tally.line", {
    recorded: tally.recorded,
    hasNamed: named === null ? "no" : "yes",
    named: named ?? 0,
    hasReported: reported === null ? "no" : "yes",
    reported: reported ?? "",
  });
}

/**
 * A time line without script or style attributes: one SVG bar per period (the incident and each
 * published incident under it), placed between the earliest start and the latest end, mirrored
 * in a right-to-left language so time runs the way the reader reads.
 */
function timeline(speech: PublicSpeech, rows: { label: string; start: string; end: string; href: string | null }[]): HtmlValue {
  if (!rows.length) return "";
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const first = Math.min(...rows.map((r) => day(r.start)));
  const last = Math.max(...rows.map((r) => day(r.end) + 1));
  const span = Math.max(1, last - first);
  const width = 600;
  const rtl = speech.locale === "ar";
  const x = (d: number) => {
    const at = ((d - first) / span) * width;
    return rtl ? width - at : at;
  };
  const height = rows.length * 28 + 8;
  const t = speech.t("publicIncidents");
  return html`<figure data-testid="incident-timeline">
<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${t("timeline.label")}">${rows.map((r, i) => {
    const a = x(day(r.start));
    const b = x(day(r.end) + 1);
    const bar = html`<rect x="${Math.min(a, b).toFixed(1)}" y="${i * 28 + 4}" width="${Math.max(4, Math.abs(b - a)).toFixed(1)}" height="20" rx="3" fill="${i === 0 ? "#115e59" : "#5eead4"}"><title dir="auto">${r.label}</title></rect>`;
    return r.href ? html`<a href="${r.href}">${bar}</a>` : bar;
  })}</svg>
<figcaption class="tiny muted">${t("timeline.span", { from: speech.formats.date(rows[0].start), to: speech.formats.date(rows.reduce((m, r) => (r.end > m ? r.end : m), rows[0].end)) })}</figcaption>
<ol class="small">${rows.map((r) => html`<li>${r.href ? html`<a href="${r.href}" dir="auto">${r.label}</a>` : html`<span dir="auto">${r.label}</span>`} · ${speech.formats.period(r.start, r.end)}</li>`)}</ol>
</figure>`;
}

const sourceNames = (speech: PublicSpeech, sources: { name: string | null }[]) =>
  sources.length ? sources.map((s, i) => html`${i ? ", " : ""}${s.name === null ? speech.t("publicIncidents")("protectedSource") : html`<bdi>${s.name}</bdi>`}`) : "—";

/**
 * One published incident's page, from its newest published version (never from a row). Its map's
 * label does not repeat the place's name, which the header says as data: a label cannot mark it so.
 */
export function renderIncidentDocument({ speech, incident, origin }: { speech: PublicSpeech; incident: PublicIncident; origin: string | undefined }): string {
  const t = speech.t("publicIncidents");
  const w = speech.t("incidents");
  const { words, formats, locale } = speech;
  const title = titleIn(speech, incident);
  const path = `/events/${incident.slug}`;
  const when = formats.period(incident.dates.start, incident.dates.end) ?? "";
  const rows = [
    { label: title, start: incident.dates.start, end: incident.dates.end, href: null },
    ...incident.children.map((c) => ({ label: c.title, start: c.start, end: c.end, href: publicPath(locale, `/events/${c.slug}`) })),
  ];
  return publicShell({
    speech,
    title,
    description: tallyLine(speech, incident.tally, incident.victims.length),
    path,
    origin,
    body: html`<article data-testid="public-incident">
<header>
<p class="tiny muted">${w(`words.type.${incident.type}`)}${incident.parent ? html` · ${richHtml(t.rich("partOf", { link: tag((chunks) => html`<a href="${publicPath(locale, `/events/${incident.parent!.slug}`)}" dir="auto">${chunks}</a>`), title: incident.parent.title }))}` : ""}</p>
<h1 dir="auto">${title}</h1>
<p class="muted"><bdi>${incident.place.name}</bdi> (${w(`words.placePrecision.${incident.place.precision}`)}) · ${when}${incident.dates.time ? html` ${incident.dates.time}` : ""} (${w(`words.datePrecision.${incident.dates.precision}`)})</p>
${incident.summary ? html`<p class="lead" dir="auto">${incident.summary}</p>` : ""}
</header>
<section aria-labelledby="tally-heading" data-testid="incident-tally">
<h2 id="tally-heading">${t("tally.heading")}</h2>
<p class="box strong">${tallyLine(speech, incident.tally, incident.victims.length)}</p>
${incident.tally.reportedFrom === "sub_incidents" ? html`<p class="small muted">${t("tally.fromSubIncidents")}</p>` : ""}
${incident.tally.sourcesDisagree ? html`<p class="note warn">${t("tally.disagree")}</p>` : ""}
${incident.tally.namedAboveReported ? html`<p class="note warn">${t("tally.namedAbove")}</p>` : ""}
${
  incident.tally.sources.length
    ? html`<div class="scroll"><table data-testid="incident-reports"><caption class="sr">${t("tally.caption")}</caption>
<thead><tr><th scope="col">${t("tally.source")}</th><th scope="col">${t("tally.reported")}</th><th scope="col">${t("tally.asOf")}</th></tr></thead>
<tbody>${incident.tally.sources.map((s) => html`<tr><td dir="auto">${s.name ?? t("protectedSource")}</td><td class="num">${formats.reported({ valueMin: s.min, valueMax: s.max, atLeast: s.atLeast })}</td><td class="nw">${formats.date(s.asOf)}</td></tr>`)}</tbody>
</table></div>`
    : ""
}
</section>
<section aria-labelledby="established-heading">
<h2 id="established-heading">${t("established.heading")}</h2>
${incident.claims.some((c) => c.retracted) ? html`<p class="note alert" data-testid="incident-retracted-entry">${t("established.retractedSince")}</p>` : ""}
${
  incident.claims.length
    ? html`<ul class="plain" data-testid="incident-entries">${incident.claims.map(
        (c) => html`<li class="box small"><a class="strong" href="${publicPath(locale, `/entries/${c.slug}`)}" dir="auto">${c.title}</a>${c.retracted ? html` <span class="removed">${t("established.retracted")}</span>` : ""}<p class="muted">${words.kind(c.kind)} · ${c.grade ? html`${words.grade(c.grade)}: ${words.gradeMeaning(c.grade)}` : words.notGraded()}</p></li>`,
      )}</ul>`
    : html`<p class="muted">${t("established.none")}</p>`
}
${
  incident.attributions.length
    ? html`<h3>${t("attributions.heading")}</h3><ul class="plain" data-testid="incident-attributions">${incident.attributions.map(
        (a) => html`<li class="box small"><p>${richHtml(t.rich("attributions.line", { perpetrator: a.perpetrator, grade: words.grade(a.grade), strong, bdi }))}</p><p class="muted">${words.gradeMeaning(a.grade)}</p><p class="tiny muted">${t("attributions.sources")} ${sourceNames(speech, a.sources)}</p></li>`,
      )}</ul>`
    : ""
}
</section>
<section aria-labelledby="where-heading">
<h2 id="where-heading">${t("whereWhen")}</h2>
${incident.place.latitude !== null && incident.place.longitude !== null ? placeMap(speech, incident.place.latitude, incident.place.longitude, incident.place.precision, null) : html`<p class="muted small">${t("noCoordinates")}</p>`}
${timeline(speech, rows)}
</section>
<section aria-labelledby="victims-heading" data-testid="incident-victims">
<h2 id="victims-heading">${t("victims.heading", { count: incident.victims.length })}</h2>
${
  incident.victims.length
    ? html`<div class="scroll"><table><caption class="sr">${t("victims.caption")}</caption>
<thead><tr><th scope="col">${t("victims.names")}</th><th scope="col">${t("victims.death")}</th><th scope="col">${t("victims.cause")}</th><th scope="col">${t("victims.status")}</th><th scope="col">${t("victims.ageSex")}</th><th scope="col">${t("victims.sources")}</th></tr></thead>
<tbody>${incident.victims.map(
        (v) => html`<tr data-testid="incident-victim"><td>${v.names.map((n, i) => html`${i ? html`<br>` : ""}<bdi>${n}</bdi>`)}${v.incident ? html`<br><a class="tiny" href="${publicPath(locale, `/events/${v.incident.slug}`)}" dir="auto">${v.incident.title}</a>` : ""}</td><td>${[v.dateOfDeath ? formats.date(v.dateOfDeath) : null, v.placeOfDeath].filter(Boolean).map((p, i) => html`${i ? " · " : ""}<bdi>${p}</bdi>`)}</td><td>${w(`words.cause.${v.cause}`)}</td><td>${w(`words.status.${v.status}`)}</td><td>${[v.age !== null ? t("victims.age", { age: v.age }) : v.ageBand ? w(`words.ageBand.${v.ageBand}`) : null, v.sex ? w(`words.sex.${v.sex}`) : null].filter(Boolean).join(" · ") || "—"}</td><td>${sourceNames(speech, v.sources)}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="muted">${t("victims.none")}</p>`
}
${incident.unnamedVictims ? html`<p class="small muted" data-testid="incident-unnamed">${t("victims.unnamed", { count: incident.unnamedVictims })}</p>` : ""}
${incident.figures.length ? html`<p class="small muted">${t("victims.figuresIn")}</p>` : ""}
</section>
<section aria-labelledby="data-heading">
<h2 id="data-heading">${t("data.heading")}</h2>
<ul class="small">
<li><a href="/api/v1/public/incidents/${incident.slug}/victims.csv" download>${t("data.csv")}</a></li>
<li><a href="/api/v1/public/incidents/${incident.slug}">${t("data.json")}</a></li>
<li><a href="${publicPath(locale, "/events/codebook")}">${t("data.codebook")}</a></li>
</ul>
<p class="tiny muted">${t("data.versions", { version: incident.version, count: incident.versions.length })} ${incident.versions.map((v, i) => html`${i ? ", " : ""}<time datetime="${v.publishedAt}">${formats.dateTime(v.publishedAt)}</time>`)}</p>
</section>
</article>`,
  });
}

/** The published incidents, newest first. */
export function renderIncidentListDocument({ speech, items, nextCursor, cursor, origin }: { speech: PublicSpeech; items: (PublicIncidentSnapshot & { version: number })[]; nextCursor: string | null; cursor: string | undefined; origin: string | undefined }): string {
  const t = speech.t("publicIncidents");
  const w = speech.t("incidents");
  const { formats, locale } = speech;
  return publicShell({
    speech,
    title: t("listTitle"),
    description: t("listIntro"),
    path: "/events",
    origin,
    body: html`<div>
<h1>${t("listTitle")}</h1>
<p class="intro">${t("listIntro")} <a href="${publicPath(locale, "/events/codebook")}">${t("data.codebook")}</a></p>
</div>
${
  items.length === 0
    ? html`<div class="empty"><p>${t("nothingYet")}</p></div>`
    : html`<ul class="plain entries" data-testid="public-incidents">${items.map(
        (i) => html`<li class="box" data-testid="public-incident-item">
<p class="tiny muted">${w(`words.type.${i.type}`)} · <bdi>${i.place.name}</bdi> · ${formats.period(i.dates.start, i.dates.end)}</p>
<h2><a href="${publicPath(locale, `/events/${i.slug}`)}" dir="auto">${titleIn(speech, i)}</a></h2>
<p class="small">${tallyLine(speech, i.tally, i.victims.length)}</p>
</li>`,
      )}</ul>`
}
<nav class="pager" aria-label="${t("pager")}">${cursor ? html`<a href="${publicPath(locale, "/events")}">${t("first")}</a>` : html`<span></span>`}${nextCursor ? html`<a href="${publicPath(locale, "/events")}?cursor=${encodeURIComponent(nextCursor)}" rel="next">${t("next")}</a>` : ""}</nav>`,
  });
}

/** What each field of an incident and of a victim's record means: the recorders' methodology, as the standard asks. */
export function renderCodebookDocument({ speech, origin }: { speech: PublicSpeech; origin: string | undefined }): string {
  const t = speech.t("publicIncidents");
  const w = speech.t("incidents");
  const { words } = speech;
  const list = (values: readonly string[], word: (v: string) => string) => html`<ul class="small">${values.map((v) => html`<li><code>${v}</code> — ${word(v)}</li>`)}</ul>`;
  return publicShell({
    speech,
    title: t("codebook.title"),
    description: t("codebook.intro"),
    path: "/events/codebook",
    origin,
    body: html`<article data-testid="incident-codebook">
<header><h1>${t("codebook.title")}</h1><p class="lead">${t("codebook.intro")}</p></header>
<section><h2>${t("codebook.incident")}</h2><p>${t("codebook.incidentText")}</p>
<h3><code>type</code></h3>${list(INCIDENT_TYPES, (v) => w(`words.type.${v as (typeof INCIDENT_TYPES)[number]}`))}
<h3><code>place_precision</code></h3><p class="small">${t("codebook.placePrecision")}</p>${list(PLACE_PRECISIONS, (v) => w(`words.placePrecision.${v as (typeof PLACE_PRECISIONS)[number]}`))}
<h3><code>date_precision</code></h3>${list(DATE_PRECISIONS, (v) => w(`words.datePrecision.${v as (typeof DATE_PRECISIONS)[number]}`))}
<h3><code>parent_slug</code></h3><p class="small">${t("codebook.parent")}</p>
</section>
<section><h2>${t("codebook.tally")}</h2><p>${t("codebook.tallyText")}</p><p>${t("codebook.tallyRange")}</p><p>${t("codebook.tallyNesting")}</p></section>
<section><h2>${t("codebook.victim")}</h2><p>${t("codebook.victimText")}</p>
<h3><code>cause</code></h3>${list(CASUALTY_CAUSES, (v) => w(`words.cause.${v as (typeof CASUALTY_CAUSES)[number]}`))}
<h3><code>status</code></h3>${list(CASUALTY_STATUSES, (v) => w(`words.status.${v as (typeof CASUALTY_STATUSES)[number]}`))}
<h3><code>age_band</code></h3>${list(AGE_BANDS, (v) => w(`words.ageBand.${v as (typeof AGE_BANDS)[number]}`))}
</section>
<section><h2>${t("codebook.attribution")}</h2><p>${t("codebook.attributionText")}</p>${list(GRADES, (v) => `${words.grade(v)}: ${words.gradeMeaning(v)}`)}</section>
<section><h2>${t("codebook.never")}</h2><p>${t("codebook.neverText")}</p></section>
</article>`,
  });
}
