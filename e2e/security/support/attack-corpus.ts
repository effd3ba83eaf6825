/**
 * The attack corpus: payloads the security specs (e2e/security/attacks*.spec.ts) and the lib-level
 * fuzzing (lib/**\/*.security.test.ts) push through every door. Plain data, no Playwright or
 * server code, so both runners import it. Hostile files (disguised playlists, decoder bombs, an
 * 8-hour video) are made with ffmpeg and sharp, so they live beside the other test media:
 * `hostileMedia` in lib/test/media.ts.
 *
 * Each text payload says what the app must do with it in a field that takes free text within its
 * length limit: `store` (kept verbatim, trimmed as every text field is, and rendered as text), or
 * `refuse` (a 400 naming the field; nothing written).
 */

export type TextPayload = { id: string; value: string };

/** Script and markup: stored as text, rendered escaped. Each sets a marker the render tests look for. */
export const MARKUP: TextPayload[] = [
  { id: "script tag", value: "<script>window.__pwned='script'</script>" },
  { id: "img onerror", value: `"><img src=x onerror="window.__pwned='img'">` },
  { id: "svg onload", value: "<svg/onload=window.__pwned='svg'>" },
  { id: "attribute break-out", value: `' autofocus onfocus='window.__pwned="focus"' x='` },
  { id: "closing tags", value: "</title></textarea></script><script>window.__pwned='close'</script>" },
  { id: "iframe srcdoc", value: `<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>` },
  { id: "javascript link", value: `<a href="javascript:window.__pwned='link'">click</a>` },
  { id: "html comment and CDATA", value: "<!-- <![CDATA[ ]]> --><b>bold</b>" },
  { id: "template syntax", value: "{{constructor.constructor('window.__pwned=1')()}} ${7*7} <%= 7*7 %>" },
  { id: "JSON-LD break-out", value: `</script><script type="application/ld+json">{"@context":"x"}</script><script>window.__pwned='ld'</script>` },
  { id: "entity-encoded", value: "&lt;script&gt;window.__pwned='entity'&lt;/script&gt; &amp; &#60;b&#62;" },
  { id: "style and meta", value: `<style>body{display:none}</style><meta http-equiv="refresh" content="0;url=https://example.org">` },
];

/** SQL and pattern metacharacters: stored verbatim, never interpreted. */
export const SQL: TextPayload[] = [
  { id: "drop table", value: "'; drop table claims; --" },
  { id: "or 1=1", value: `' OR '1'='1' -- " OR ""="` },
  { id: "like wildcards", value: "100% of _all_ %%" },
  { id: "backslashes", value: "C:\\temp\\ \\' \\\\ \\x00 \\u0000" },
  { id: "placeholders", value: "$1 $2::text ? :name @p0 %s" },
  { id: "comment and semicolons", value: "/* comment */ ; ; -- end" },
  { id: "dollar quoting", value: "$$; select pg_sleep(10); $$ $tag$ x $tag$" },
  { id: "tsquery operators", value: "grave & !village | (a <-> b) :* 'x'" },
  { id: "jsonb operators", value: `->> #>> @> ?| {"a":1}` },
  { id: "union select", value: "x' UNION SELECT password_hash FROM users --" },
];

/** Unicode that is valid text: stored exactly (after trimming), shown as text. */
export const UNICODE: TextPayload[] = [
  { id: "RTL override", value: "invoice\u202Egpj.exe report" },
  { id: "bidi isolates", value: "\u2067مقبرة\u2069 \u2066Sanubir\u2069 \u200F" },
  { id: "zero-width characters", value: "mass\u200Bgrave \u200Cjoin\u200Dner \u2060word" },
  { id: "combining mark stack", value: `Z${"\u0301\u0300\u0302\u0303\u0308".repeat(40)}algo` },
  { id: "astral emoji", value: "🕊️ 👨‍👩‍👧‍👦 🏳️‍🌈 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎" },
  { id: "Arabic with tatweel and diacritics", value: "مـــقـــبـــرة جَمَاعِيَّة في صَنَوْبَر" },
  { id: "line and paragraph separators", value: "one\u2028two\u2029three" },
  { id: "full-width and homoglyphs", value: "ｓｃｒｉｐｔ Аdmin Ρaypal" },
  { id: "decomposed vs composed", value: "e\u0301 \u00E9 A\u030A \u00C5" },
  { id: "noncharacters and private use", value: "\uFDD0 \uFFFE \uE000 \u{10FFFF} text" },
];

/** Not storable as PostgreSQL text or JSON: a 400 naming the field, never a 500. */
export const UNSTORABLE: TextPayload[] = [
  { id: "NUL byte", value: "before\u0000after" },
  { id: "lone high surrogate", value: "broken \uD800 text" },
  { id: "lone low surrogate", value: "broken \uDC00 text" },
  { id: "reversed surrogate pair", value: "broken \uDE00\uD83D text" },
  { id: "bell and escape", value: "ring\u0007\u001B[31mred" },
  { id: "DEL", value: "delete\u007F" },
];

/** A string of `bytes` UTF-8 bytes, Arabic (two bytes a letter) and Latin mixed. */
export function bigString(bytes = 100 * 1024): string {
  const unit = "شهادة witness ";
  return unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit))).slice(0, bytes);
}

/** URL fields: only http(s) addresses are taken. */
export const URLS_REFUSED: TextPayload[] = [
  { id: "javascript:", value: "javascript:alert(document.domain)" },
  { id: "mixed-case javascript:", value: "JaVaScRiPt:alert(1)" },
  { id: "javascript: with tab", value: "java\tscript:alert(1)" },
  { id: "leading space javascript:", value: " javascript:alert(1)" },
  { id: "data: URL", value: "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" },
  { id: "vbscript:", value: "vbscript:msgbox(1)" },
  { id: "file:", value: "file:///etc/passwd" },
  { id: "protocol-relative", value: "//evil.example/x" },
  { id: "not a URL", value: "<script>alert(1)</script>" },
];

/** http(s) addresses carrying markup: taken (they are addresses), rendered as text and as an inert href. */
export const URLS_STORED: TextPayload[] = [
  { id: "markup in query", value: `https://example.org/?q="><script>window.__pwned='url'</script>` },
  { id: "quote in path", value: "https://example.org/a'b\"c" },
  { id: "credentials", value: "https://user:pass@example.org/" },
];

/** Values of the wrong JSON type, for fields of each type. `null` is separate: it may mean "not given". */
export const WRONG_FOR_STRING: { id: string; value: unknown }[] = [
  { id: "number", value: 12345 },
  { id: "boolean", value: true },
  { id: "array", value: ["a", "b"] },
  { id: "object", value: { toString: "x" } },
  { id: "operator object", value: { $ne: null } },
];
export const WRONG_FOR_NUMBER: { id: string; value: unknown }[] = [
  { id: "word", value: "abc" },
  { id: "boolean", value: true },
  { id: "array", value: [1] },
  { id: "object", value: { valueOf: 1 } },
  { id: "fraction", value: 1.5 },
  { id: "beyond 2^53", value: 2 ** 60 },
  { id: "negative", value: -1 },
];
export const WRONG_FOR_BOOLEAN: { id: string; value: unknown }[] = [
  { id: "number", value: 1 },
  { id: "word", value: "yes" },
  { id: "array", value: [true] },
  { id: "object", value: {} },
];
export const WRONG_FOR_ARRAY: { id: string; value: unknown }[] = [
  { id: "string", value: "a,b" },
  { id: "object with indices", value: { 0: "a", length: 1 } },
  { id: "number", value: 3 },
  { id: "array of arrays", value: [["a"]] },
  { id: "array of numbers", value: [1, 2] },
];

/** Whole bodies that are valid JSON but not an object. */
export const NON_OBJECT_BODIES: { id: string; raw: string }[] = [
  { id: "null", raw: "null" },
  { id: "array", raw: "[]" },
  { id: "array of an object", raw: '[{"a":1}]' },
  { id: "string", raw: '"text"' },
  { id: "number", raw: "42" },
  { id: "boolean", raw: "true" },
];

/** JSON text the parser refuses (or that numbers cannot survive): a 400. */
export const MALFORMED_JSON: { id: string; raw: string | Buffer }[] = [
  { id: "empty body", raw: "" },
  { id: "unterminated", raw: '{"title": "x"' },
  { id: "missing value", raw: '{"title": }' },
  { id: "trailing garbage", raw: '{"title": "x"} trailing' },
  { id: "single quotes", raw: "{'title': 'x'}" },
  { id: "trailing comma", raw: '{"title": "x",}' },
  { id: "NaN literal", raw: '{"version": NaN}' },
  { id: "comment", raw: '{"title": "x" /* c */}' },
  { id: "byte-order mark", raw: '\uFEFF{"title": "x"}' },
  { id: "bare NUL", raw: '{"title": "a\u0000b"}' },
];

/** Keys that reach for the prototype. */
export const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype"] as const;

/** `levels` nested arrays around `inner` (JSON text), 10,000 by default. */
export function nestedArrays(levels = 10_000, inner = '"x"'): string {
  return `${"[".repeat(levels)}${inner}${"]".repeat(levels)}`;
}

/** `levels` nested objects {"a":{"a":…}} (JSON text). */
export function nestedObjects(levels = 10_000, key = "a"): string {
  return `${`{"${key}":`.repeat(levels)}1${"}".repeat(levels)}`;
}

/** Client filenames: kept as metadata only (control characters dropped), never a path or a header. */
export const FILENAMES: TextPayload[] = [
  { id: "CRLF header injection", value: "report.txt\r\nSet-Cookie: pwned=1\r\nX-Injected: 1" },
  { id: "LF only", value: "report\nContent-Type: text/html.txt" },
  { id: "path traversal", value: "../../../../etc/passwd" },
  { id: "Windows traversal", value: "..\\..\\windows\\win.ini" },
  { id: "absolute path", value: "/etc/shadow" },
  { id: "NUL truncation", value: "notes.txt\u0000.exe" },
  { id: "RTL override", value: "invoice\u202Etxt.exe" },
  { id: "markup", value: `<img src=x onerror="window.__pwned='filename'">.txt` },
  { id: "quotes and semicolons", value: `a"; filename="evil.html; b=c.txt` },
  { id: "very long", value: `${"long-name-".repeat(100)}.txt` },
  { id: "many astral characters", value: `${"🕊".repeat(200)}.txt` },
  { id: "only dots", value: ".." },
  { id: "percent-encoded traversal", value: "%2e%2e%2f%2e%2e%2fetc%2fpasswd" },
];

/** Query-string values for search fields. */
export const SEARCH_TERMS: TextPayload[] = [...SQL, ...MARKUP.slice(0, 4), ...UNICODE.slice(0, 6)];

/**
 * Cursors that are not the server's. `timestampOnly`: refused where the cursor's key is a
 * timestamp (the queue, the public list, persons); where it is a name (sources) it is a name like
 * any other, and reads the page after it.
 */
export function badCursors(): { id: string; value: string; timestampOnly?: boolean }[] {
  const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");
  return [
    { id: "not base64", value: "!!!not-base64!!!" },
    { id: "base64 of text", value: b64("hello") },
    { id: "base64 of an object", value: b64({ seq: 1 }) },
    { id: "wrong tuple", value: b64(["x"]) },
    { id: "NUL in the key", value: b64(["a\u0000b", "00000000-0000-4000-8000-000000000000"]) },
    { id: "lone surrogate in the key", value: b64('["\\ud800","00000000-0000-4000-8000-000000000000"]') },
    { id: "huge number", value: b64(1e300) },
    { id: "beyond bigint", value: b64(2 ** 64) },
    { id: "negative number", value: b64(-5) },
    { id: "year 0 timestamp", value: b64(["0000-01-01T00:00:00.000Z", "00000000-0000-4000-8000-000000000000"]), timestampOnly: true },
    { id: "SQL in the key", value: b64(["'; drop table claims; --", "00000000-0000-4000-8000-000000000000"]), timestampOnly: true },
    { id: "nested arrays", value: b64(JSON.parse(nestedArrays(50))) },
    { id: "over 300 characters", value: "A".repeat(400) },
    { id: "percent-encoded NUL", value: "%00" },
  ];
}

/**
 * What an error answer must never contain: a stack trace, SQL text, a database message, a file
 * path of the server.
 */
export const LEAK_PATTERNS: RegExp[] = [
  /\bat .+\.(js|ts|mjs|cjs):\d+/, // stack frame
  /\bnode_modules\b/,
  /\/(work|home|tmp|usr|var|app)\/[\w.-]+\//, // server paths
  /\b(select|insert into|update \w+ set|delete from)\b.*\b(from|values|where)\b/i, // SQL text
  /\b(syntax error at or near|violates (not-null|foreign key|unique|check) constraint|invalid input syntax for|unterminated quoted|relation "\w+")/i,
  /\bPGlite\b|\bpostgres(ql)? error\b|\bSQLSTATE\b/i,
  /\b(TypeError|ReferenceError|RangeError|SyntaxError): /,
];

/** For pages, which show stored text that may read like SQL: stack traces, paths and database messages only. */
export const PAGE_LEAK_PATTERNS: RegExp[] = LEAK_PATTERNS.filter((p) => !p.source.includes("insert into"));
