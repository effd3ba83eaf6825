import type { Page } from "@playwright/test";

/**
 * Words on an Arabic page that did not come from the catalogue: visible text with Latin words that
 * is not data. Data is marked as such in the markup, as the interface's rules ask anyway: user text
 * keeps `dir="auto"`, hashes, addresses and file names sit in `<bdi>`, text in another language has
 * its own `lang`, code is `<code>`/`<kbd>`. What is left with Latin words is interface text that
 * no catalogue gave: English that escaped translation.
 */

/** Tokens that are the same in Arabic text: names of formats, standards and the product. */
const SAME_IN_ARABIC = ["Corroborate", "SHA-256", "SHA256", "CSV", "ZIP", "API", "URL", "UTC", "JSON", "Atom", "WARC", "HTML", "PDF", "tus", "hash", "ClaimReview", "ECC", "OpenAPI", "GeoJSON", "EXIF", "GPS", "OSM", "OpenStreetMap", "Leaflet", "WCAG", "ISO", "IP", "ID"];

export type Untranslated = { text: string; where: string };

export async function untranslatedText(page: Page): Promise<Untranslated[]> {
  return page.evaluate((allowed) => {
    const DATA = "[dir=auto], bdi, code, kbd, samp, pre, script, style, noscript, [data-data], [aria-hidden=true], .leaflet-container";
    const out: { text: string; where: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || element.closest(DATA)) continue;
      const lang = element.closest("[lang]")?.getAttribute("lang") ?? "ar";
      if (!lang.startsWith("ar")) continue;
      const style = getComputedStyle(element);
      if (style.display === "none" || style.visibility === "hidden") continue;
      let text = node.textContent ?? "";
      for (const token of allowed) text = text.split(token).join(" ");
      if (!/[A-Za-z]{2,}/.test(text)) continue;
      const path: string[] = [];
      for (let e: Element | null = element; e && path.length < 4; e = e.parentElement) path.unshift(e.tagName.toLowerCase() + (e.id ? `#${e.id}` : ""));
      out.push({ text: (node.textContent ?? "").trim().slice(0, 80), where: path.join(" > ") });
    }
    // Attributes people hear or see: labels, titles, placeholders.
    for (const element of document.body.querySelectorAll("[aria-label], [title], [placeholder], input[type=submit][value]")) {
      if (element.closest(DATA)) continue;
      for (const name of ["aria-label", "title", "placeholder", "value"]) {
        if (name === "value" && element.getAttribute("type") !== "submit") continue;
        let text = element.getAttribute(name) ?? "";
        for (const token of allowed) text = text.split(token).join(" ");
        if (/[A-Za-z]{2,}/.test(text)) out.push({ text: `${name}="${element.getAttribute(name)}"`, where: element.tagName.toLowerCase() });
      }
    }
    return out;
  }, SAME_IN_ARABIC);
}
