/**
 * A catalogue message named where no language is known yet: a zod schema's custom message is made
 * once, when the module loads, but read in each request's language. The schema names the message
 * (`messageRef("validation.required")`); `fieldErrorsOf` (lib/validation/parse.ts) turns it into
 * the request's words. Safe on the client: schemas are shared with forms.
 */
const PREFIX = "\u2063i18n:";

export function messageRef(key: string, values?: Record<string, string | number>): string {
  return `${PREFIX}${key}${values ? `?${JSON.stringify(values)}` : ""}`;
}

/** The key and values a message names, or null for text that names none. */
export function readMessageRef(text: string): { key: string; values?: Record<string, string | number> } | null {
  if (!text.startsWith(PREFIX)) return null;
  const body = text.slice(PREFIX.length);
  const at = body.indexOf("?");
  if (at < 0) return { key: body };
  try {
    return { key: body.slice(0, at), values: JSON.parse(body.slice(at + 1)) as Record<string, string | number> };
  } catch {
    return { key: body.slice(0, at) };
  }
}
