import type { Page } from "@playwright/test";

/**
 * Words on an Arabic page that did not come from the catalogue: visible text with Latin words that
 * is not data. Data is marked as such in the markup, as the interface's rules ask anyway: user text
 * keeps `dir="auto"`, hashes, addresses and file names sit in `<bdi>`, text in another language has
 * its own `lang`, code is `<code>`/`<kbd>`, syntax to be typed as it is (a filter's example) says
 * `translate="no"`. What is left with Latin words is interface text that
 * no catalogue gave: English that escaped translation. A language code in brackets, a hash, an
 * address and a choice of a stored row (an `<option>` whose value is its id, which cannot hold
 * markup) count as data too.
 */

/** Tokens that are the same in Arabic text: names of formats, standards and the product. */
const SAME_IN_ARABIC = ["Corroborate", "RFC", "HMAC", "SHA-256", "SHA256", "sha256", "Enter", "CSV", "ZIP", "API", "URL", "UTC", "JSON", "Atom", "WARC", "WACZ", "HTML", "PDF", "tus", "hash", "ClaimReview", "ECC", "OpenAPI", "GeoJSON", "EXIF", "GPS", "OSM", "OpenStreetMap", "Leaflet", "WCAG", "ISO", "IP", "ID"];

export type Untranslated = { text: string; where: string };

export async function untranslatedText(page: Page): Promise<Untranslated[]> {
  return page.evaluate((allowed) => {
    // Data that needs no marking: a language code "(ar)", a hash, an address.
    const dataPatterns = [/\([a-z]{2,3}\)/g, /\b[0-9a-f]{16,}\b/g, /https?:\/\/\S*/g];
    const strip = (value: string) => {
      let text = value;
      for (const token of allowed) text = text.split(token).join(" ");
      for (const pattern of dataPatterns) text = text.replace(pattern, " ");
      return text;
    };
    // A choice among stored rows (a source, a person: its value is the row's id) is data.
    const isRowChoice = (e: Element) => e instanceof HTMLOptionElement && /^[0-9a-f-]{36}$/.test(e.value);
    const DATA = "[dir=auto], [translate=no], bdi, code, kbd, samp, pre, script, style, noscript, [data-data], [aria-hidden=true], .leaflet-container";
    const out: { text: string; where: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || element.closest(DATA) || isRowChoice(element)) continue;
      const lang = element.closest("[lang]")?.getAttribute("lang") ?? "ar";
      if (!lang.startsWith("ar")) continue;
      const style = getComputedStyle(element);
      if (style.display === "none" || style.visibility === "hidden") continue;
      if (!/[A-Za-z]{2,}/.test(strip(node.textContent ?? ""))) continue;
      const path: string[] = [];
      for (let e: Element | null = element; e && path.length < 4; e = e.parentElement) path.unshift(e.tagName.toLowerCase() + (e.id ? `#${e.id}` : ""));
      out.push({ text: (node.textContent ?? "").trim().slice(0, 80), where: path.join(" > ") });
    }
    // Attributes people hear or see: labels, titles, placeholders.
    for (const element of document.body.querySelectorAll("[aria-label], [title], [placeholder], input[type=submit][value]")) {
      if (element.closest(DATA)) continue;
      for (const name of ["aria-label", "title", "placeholder", "value"]) {
        if (name === "value" && element.getAttribute("type") !== "submit") continue;
        if (/[A-Za-z]{2,}/.test(strip(element.getAttribute(name) ?? ""))) out.push({ text: `${name}="${element.getAttribute(name)}"`, where: element.tagName.toLowerCase() });
      }
    }
    return out;
  }, SAME_IN_ARABIC);
}
