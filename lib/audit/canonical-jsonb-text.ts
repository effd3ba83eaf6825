import { canonicalJson } from "./chain";

/**
 * RFC 8785 canonical JSON of a value given as PostgreSQL's jsonb text output (`data::text`): what
 * `canonicalJson(JSON.parse(text))` writes, without building the value. The verifier reads every
 * event's data this way; parsing it into objects and writing it again cost more than its hash.
 *
 * jsonb writes `", "` and `": "` between members and sorts keys by length, then bytes; RFC 8785
 * wants no spaces and keys by UTF-16 code units, so members are re-sorted here. jsonb escapes a
 * string exactly as JSON.stringify does (`\"`, `\\`, `\b\f\n\r\t`, other control characters as
 * lowercase `\u00xx`, nothing else; it cannot hold a lone surrogate), so a string without a
 * backslash is copied as it is, and one with a backslash is decoded and written again. Numbers go
 * through a double as JSON.parse takes them (`1e+21`, `0.1`, `1e400` → null). Throws on anything
 * that is not JSON; the verifier then checks that event the slow way.
 */
export function canonicalJsonOfJsonbText(text: string): string {
  const reader = new JsonbTextReader(text);
  const out = reader.value();
  reader.skipSpace();
  if (reader.at !== text.length) throw new SyntaxError(`Unexpected text at ${reader.at}`);
  return out;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LITERALS = ["true", "false", "null"];

class JsonbTextReader {
  at = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    const { text } = this;
    while (this.at < text.length) {
      const c = text.charCodeAt(this.at);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.at++;
    }
  }

  value(): string {
    this.skipSpace();
    const c = this.text.charCodeAt(this.at);
    if (c === 0x7b) return this.object();
    if (c === 0x5b) return this.array();
    if (c === QUOTE) return this.string().canonical;
    for (const word of LITERALS) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return word;
      }
    }
    return this.number();
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.text[this.at] !== char) throw new SyntaxError(`Expected ${char} at ${this.at}`);
    this.at++;
  }

  /** Whether the next character (after spaces) is `char`; consumed if so. */
  private next(char: string): boolean {
    this.skipSpace();
    if (this.text[this.at] !== char) return false;
    this.at++;
    return true;
  }

  /** A string: its canonical form and, for keys, its value (what the sort compares). */
  string(): { canonical: string; value: string } {
    const { text } = this;
    const start = this.at;
    const close = text.indexOf('"', start + 1);
    const escape = text.indexOf("\\", start + 1);
    if (close !== -1 && (escape === -1 || escape > close)) {
      this.at = close + 1;
      return { canonical: text.slice(start, close + 1), value: text.slice(start + 1, close) };
    }
    // Escapes: find the closing quote past them, then let JSON decode and re-encode it.
    let i = start + 1;
    while (i < text.length && text.charCodeAt(i) !== QUOTE) i += text.charCodeAt(i) === BACKSLASH ? 2 : 1;
    if (i >= text.length) throw new SyntaxError("Unterminated string");
    this.at = i + 1;
    const value = JSON.parse(text.slice(start, i + 1)) as string;
    return { canonical: JSON.stringify(value), value };
  }

  private number(): string {
    const { text } = this;
    const start = this.at;
    while (this.at < text.length && "+-.0123456789eE".includes(text[this.at])) this.at++;
    const number = Number(text.slice(start, this.at));
    if (this.at === start || Number.isNaN(number)) throw new SyntaxError(`Unexpected character at ${start}`);
    return canonicalJson(number)!;
  }

  private array(): string {
    this.at++; // [
    if (this.next("]")) return "[]";
    let out = "[";
    do out += (out.length > 1 ? "," : "") + this.value();
    while (this.next(","));
    this.expect("]");
    return `${out}]`;
  }

  private object(): string {
    this.at++; // {
    if (this.next("}")) return "{}";
    const members: { key: string; text: string }[] = [];
    do {
      this.skipSpace();
      if (this.text.charCodeAt(this.at) !== QUOTE) throw new SyntaxError(`Expected a key at ${this.at}`);
      const key = this.string();
      this.expect(":");
      members.push({ key: key.value, text: `${key.canonical}:${this.value()}` });
    } while (this.next(","));
    this.expect("}");
    // JavaScript compares strings by UTF-16 code units: RFC 8785's order (canonicalJson's sort()).
    members.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    let out = "{";
    for (let i = 0; i < members.length; i++) out += (i ? "," : "") + members[i].text;
    return `${out}}`;
  }
}
