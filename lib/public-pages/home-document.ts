import { publicPath } from "@/lib/i18n/public-paths";
import { html, type HtmlValue } from "@/lib/html/html";
import type { PublicEntryDto } from "@/lib/publishing/public-entries";
import { CLAIM_KINDS, GRADES } from "@/lib/vocabulary";
import { type PublicAuditHead, publicShell } from "./shell";
import type { PublicSpeech } from "./speech";

/** The list's filters as the reader sent them (trimmed; empty ones left out). */
export type EntryFilterValues = { q?: string; kind?: string; grade?: string; place?: string; from?: string; to?: string };

export type HomeDocumentInput = {
  speech: PublicSpeech;
  filters: EntryFilterValues;
  /** The page of the list asked for (keyset), or none for the first. */
  cursor: string | undefined;
  items: PublicEntryDto[];
  nextCursor: string | null;
  /** Why the filters could not be used (a date that is not one), in the page's language. */
  problem: string | null;
  auditHead: PublicAuditHead | null;
  origin: string | undefined;
};

/**
 * The public home: the published entries, newest change first, a page at a time, with their
 * filters. A document read per request, with no script: the filters are a plain GET form to the
 * list's own address in this language (links to a filtered list can be shared), and the pages are
 * links that carry the filters and the cursor.
 */
export function renderHomeDocument({ speech, filters, cursor, items, nextCursor, problem, auditHead, origin }: HomeDocumentInput): string {
  const t = speech.t("public");
  const filtered = Object.values(filters).some(Boolean);
  return publicShell({
    speech,
    title: t("heading"),
    description: t("intro"),
    path: "/",
    origin,
    auditHead,
    body: html`<div>
<h1>${t("heading")}</h1>
<p class="intro">${t("intro")}</p>
</div>
${filterForm(speech, filters)}
${problem ? html`<div role="alert" class="note alert" data-testid="form-error"><p>${t("badFilters", { problem })}</p></div>` : ""}
${
  items.length === 0
    ? html`<div class="empty"><p>${filtered ? t("noMatch") : t("nothingYet")}</p></div>`
    : html`<ul class="plain entries" data-testid="public-entries">${items.map((entry) => entryItem(speech, entry))}</ul>`
}
${pager(speech, filters, nextCursor, cursor === undefined)}`,
  });
}

function entryItem(speech: PublicSpeech, entry: PublicEntryDto): HtmlValue {
  const t = speech.t("public");
  const { words, formats, locale } = speech;
  // In the reader's language when the entry has a translation into it (the entry's page says so).
  const translation = entry.translations[locale];
  const when = formats.incidentDate(entry.incidentDate);
  const meta: HtmlValue[] = [
    words.kind(entry.kind),
    entry.grade ? words.grade(entry.grade) : null,
    entry.origins ? t("origins", { count: entry.origins.count }) : null,
    entry.isRetracted ? html`<span class="removed">${t("retracted")}</span>` : null,
    entry.version > 1 && !entry.isRetracted ? t("corrected", { version: entry.version }) : null,
  ].filter((part) => part !== null);
  const where: HtmlValue[] = [entry.place.name ? html`<bdi>${entry.place.name}</bdi>` : null, when].filter((part) => part !== null);
  return html`<li class="box" data-testid="public-entry">
<p class="tiny muted">${meta.map((part, i) => html`${i ? " · " : ""}${part}`)}</p>
<h2 dir="auto" lang="${translation ? locale : entry.language}"><a href="${publicPath(locale, entry.url)}">${translation?.title ?? entry.title}</a></h2>
${where.length ? html`<p class="small muted">${where.map((part, i) => html`${i ? " · " : ""}${part}`)}</p>` : ""}
<p class="tiny muted">${t("updated", { date: formats.date(entry.publishedAt) })}</p>
</li>`;
}

/** The filters: a GET form to this language's list, its fields holding what was sent. */
function filterForm(speech: PublicSpeech, values: EntryFilterValues): HtmlValue {
  const t = speech.t("public");
  const { words, locale } = speech;
  const home = publicPath(locale, "/");
  const options = (choices: readonly string[], chosen: string | undefined, label: (value: string) => string) =>
    html`<option value="">${t("filters.any")}</option>${choices.map((value) => html`<option value="${value}"${value === chosen ? html` selected` : ""}>${label(value)}</option>`)}`;
  return html`<form class="filters box" method="get" action="${home}" role="search" aria-label="${t("filters.label")}">
<label class="span2">${t("filters.search")}<input name="q" value="${values.q ?? ""}" dir="auto" placeholder="${t("filters.searchPlaceholder")}" maxlength="200"></label>
<label>${t("filters.kind")}<select name="kind">${options(CLAIM_KINDS, values.kind, words.kind)}</select></label>
<label>${t("filters.grade")}<select name="grade">${options(GRADES, values.grade, words.grade)}</select></label>
<label class="span2">${t("filters.place")}<input name="place" value="${values.place ?? ""}" dir="auto" placeholder="${t("filters.placePlaceholder")}" maxlength="200"></label>
<label>${t("filters.from")}<input type="date" name="from" value="${values.from ?? ""}"></label>
<label>${t("filters.to")}<input type="date" name="to" value="${values.to ?? ""}"></label>
<div class="actions"><button type="submit">${t("filters.submit")}</button>${Object.values(values).some(Boolean) ? html`<a href="${home}">${t("filters.clear")}</a>` : ""}</div>
</form>`;
}

/** On to the next page, and back to the first; nothing when the list fits on one page. */
function pager(speech: PublicSpeech, filters: EntryFilterValues, nextCursor: string | null, isFirstPage: boolean): HtmlValue {
  if (isFirstPage && !nextCursor) return "";
  const t = speech.t("ui");
  const href = (cursor?: string) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) search.set(key, value);
    if (cursor) search.set("cursor", cursor);
    const query = search.toString();
    const home = publicPath(speech.locale, "/");
    return query ? `${home}?${query}` : home;
  };
  return html`<nav class="pager" aria-label="${t("pager.label")}" data-testid="pager">${isFirstPage ? html`<span></span>` : html`<a href="${href()}">${t("pager.first")}</a>`}${
    nextCursor ? html`<a href="${href(nextCursor)}" rel="next">${t("pager.next")}</a>` : html`<span class="muted">${t("pager.end")}</span>`
  }</nav>`;
}
