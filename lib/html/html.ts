/**
 * HTML written as text, escaped by default: the public site's documents (lib/public-pages) are
 * rendered once to bytes that are hashed and kept, outside React (its server renderer is not
 * available where publication runs, and a document of text needs none of its runtime).
 *
 *   html`<p class="note">${text}</p>`
 *
 * Every value put in a template is escaped (text, numbers, arrays of either) unless it is itself
 * the result of `html` (or `trustedHtml`, for constants of our own such as the stylesheet). Values
 * go in text or in attribute values written in double quotes, never in a tag or attribute name, a
 * `<script>` or a `<style>`; an address from data goes through `safeUrl`.
 */

import type { ReactNode } from "react";

const HTML = Symbol("html");

/** A piece of markup that is safe to write as it is. */
export type Html = { readonly [HTML]: string };
export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe for HTML text and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function isHtml(value: unknown): value is Html {
  return typeof value === "object" && value !== null && HTML in value;
}

/** Markup as text: escaped, unless it is already markup. `null`, `undefined` and `false` write nothing. */
export function renderHtml(value: unknown): string {
  if (value === null || value === undefined || value === false) return "";
  if (isHtml(value)) return value[HTML];
  if (Array.isArray(value)) return value.map(renderHtml).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += renderHtml(values[i]) + strings[i + 1];
  return { [HTML]: out };
}

/** Markup from a constant of our own (a stylesheet, JSON already made safe for a script element); never from data. */
export function trustedHtml(markup: string): Html {
  return { [HTML]: markup };
}

/** The values with `separator` between them. */
export function joinHtml(values: readonly HtmlValue[], separator: HtmlValue): Html {
  return { [HTML]: values.map(renderHtml).join(renderHtml(separator)) };
}

/** An address from data as a link target: http(s) only, or nothing (no `javascript:`, no `data:`). */
export function safeUrl(url: string): string | null {
  try {
    const { protocol } = new URL(url);
    return protocol === "http:" || protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/**
 * A translation with markup (`t.rich` of use-intl's core translator): its tags' callbacks return
 * markup (`tag`), its arguments are text, and the parts come back as a list; this writes them.
 */
export function richHtml(parts: unknown): Html {
  return { [HTML]: renderHtml(parts) };
}

/**
 * A tag of a rich translation (`t.rich(key, { strong: tag((chunks) => html`<strong>${chunks}</strong>`) })`):
 * use-intl types its tags for React, and hands them whatever the parts are; here they are markup.
 */
export function tag(wrap: (chunks: Html) => Html): (chunks: ReactNode) => ReactNode {
  return ((chunks: unknown) => wrap(richHtml(chunks))) as unknown as (chunks: ReactNode) => ReactNode;
}
