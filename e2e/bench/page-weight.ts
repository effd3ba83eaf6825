import http from "node:http";
import https from "node:https";
import zlib from "node:zlib";

/**
 * What a page costs a reader to read: its HTML fetched as a browser would (compression accepted),
 * every script it references by `<script src>`, `<link rel="modulepreload">` or `<link rel="preload"
 * as="script">`, and every stylesheet by `<link rel="stylesheet">`, each fetched and sized three
 * ways: raw, gzip level 9 (node:zlib), and as the server sent it (its own content-encoding, or
 * none). Inline scripts that would run are counted apart (data blocks such as JSON-LD are not
 * scripts). Nothing here depends on the page's markup beyond those tags.
 */

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; wire: Buffer; body: Buffer; encoding: string };

export const ACCEPT_ENCODING = "gzip, deflate, br";

/** One GET without any automatic decompression: `wire` is the bytes as sent, `body` decoded. */
export function getRaw(url: string, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<RawResponse> {
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(target, { headers: { "accept-encoding": ACCEPT_ENCODING, ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("error", reject);
      response.on("end", () => {
        const wire = Buffer.concat(chunks);
        const encoding = String(response.headers["content-encoding"] ?? "identity").toLowerCase();
        try {
          resolve({ status: response.statusCode ?? 0, headers: response.headers, wire, body: decode(wire, encoding), encoding });
        } catch (error) {
          reject(error);
        }
      });
    });
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`GET ${url} took over ${timeoutMs} ms`)));
    request.on("error", reject);
  });
}

function decode(wire: Buffer, encoding: string): Buffer {
  switch (encoding) {
    case "gzip":
    case "x-gzip":
      return zlib.gunzipSync(wire);
    case "br":
      return zlib.brotliDecompressSync(wire);
    case "deflate":
      return zlib.inflateSync(wire);
    case "identity":
    case "":
      return wire;
    default:
      throw new Error(`unknown content-encoding ${encoding}`);
  }
}

export const gzip9 = (bytes: Buffer | string) => zlib.gzipSync(bytes, { level: 9 }).length;

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const pattern = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  for (const m of tag.matchAll(pattern)) out.set(m[1].toLowerCase(), unescapeHtml(m[2] ?? m[3] ?? m[4] ?? ""));
  return out;
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

const JS_TYPES = new Set(["", "module", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript"]);

/**
 * Absolute URLs of the scripts the HTML references (deduplicated, in order), whether only
 * `<script nomodule>` references it (legacy browsers only: a current one never fetches it), and the
 * text of its inline scripts.
 */
export function collectScripts(html: string, pageUrl: string): { urls: Array<{ url: string; noModule: boolean }>; inline: string[] } {
  const urls: Array<{ url: string; noModule: boolean }> = [];
  const inline: string[] = [];
  const add = (href: string | undefined, noModule = false) => {
    if (!href) return;
    const absolute = new URL(href, pageUrl).href;
    const seen = urls.find((u) => u.url === absolute);
    if (seen) seen.noModule &&= noModule;
    else urls.push({ url: absolute, noModule });
  };
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = attributes(m[1]);
    if (!JS_TYPES.has((attrs.get("type") ?? "").toLowerCase())) continue;
    if (attrs.has("src")) add(attrs.get("src"), attrs.has("nomodule"));
    else if (m[2].trim()) inline.push(m[2]);
  }
  for (const m of html.matchAll(/<link\b([^>]*)>/gi)) {
    const attrs = attributes(m[1]);
    const rel = (attrs.get("rel") ?? "").toLowerCase().split(/\s+/);
    if (rel.includes("modulepreload") || (rel.includes("preload") && attrs.get("as")?.toLowerCase() === "script")) add(attrs.get("href"));
  }
  return { urls, inline };
}

/** Absolute URLs of the stylesheets the HTML links (deduplicated, in order). */
export function collectStylesheets(html: string, pageUrl: string): string[] {
  const urls: string[] = [];
  for (const m of html.matchAll(/<link\b([^>]*)>/gi)) {
    const attrs = attributes(m[1]);
    const href = attrs.get("href");
    if (href && (attrs.get("rel") ?? "").toLowerCase().split(/\s+/).includes("stylesheet")) {
      const absolute = new URL(href, pageUrl).href;
      if (!urls.includes(absolute)) urls.push(absolute);
    }
  }
  return urls;
}

export type Sized = { raw: number; gzip9: number; wire: number; encodings: string[] };
export type ScriptFile = Sized & { url: string; status: number; noModule: boolean };
export type PageWeight = {
  path: string;
  status: number;
  html: string;
  document: Sized;
  scripts: ScriptFile[];
  /** Every referenced script a current browser loads, summed; `encodings` are the server's content-encodings seen. */
  total: Sized;
  /** Scripts only legacy browsers load (`<script nomodule>`: Next's polyfills), not in `total`. */
  noModule: Sized & { count: number };
  inline: { count: number; raw: number; gzip9: number };
  /** Linked stylesheets (the documents' own sheet is inline, in `document`). */
  styles: Sized & { count: number };
  /** What reading the page costs: the document, its stylesheets and the scripts a current browser loads. */
  transfer: Sized;
  failed: ScriptFile[];
};

export async function measurePage(base: string, pathname: string): Promise<PageWeight> {
  const pageUrl = new URL(pathname, base).href;
  const page = await getRaw(pageUrl);
  if (page.status !== 200) throw new Error(`GET ${pathname} answered ${page.status}`);
  const html = page.body.toString("utf8");
  const { urls, inline } = collectScripts(html, pageUrl);
  const scripts: ScriptFile[] = [];
  for (const { url, noModule } of urls) {
    const r = await getRaw(url);
    scripts.push({ url, noModule, status: r.status, raw: r.body.length, gzip9: gzip9(r.body), wire: r.wire.length, encodings: [r.encoding] });
  }
  const ok = scripts.filter((s) => s.status === 200 && !s.noModule);
  const legacy = scripts.filter((s) => s.status === 200 && s.noModule);
  const inlineText = inline.join("\n");
  const sheets: Sized[] = [];
  for (const url of collectStylesheets(html, pageUrl)) {
    const r = await getRaw(url);
    if (r.status === 200) sheets.push({ raw: r.body.length, gzip9: gzip9(r.body), wire: r.wire.length, encodings: [r.encoding] });
  }
  const document: Sized = { raw: page.body.length, gzip9: gzip9(page.body), wire: page.wire.length, encodings: [page.encoding] };
  const parts: Sized[] = [document, ...sheets, ...ok];
  return {
    path: pathname,
    status: page.status,
    html,
    document,
    scripts,
    total: {
      raw: sum(ok.map((s) => s.raw)),
      gzip9: sum(ok.map((s) => s.gzip9)),
      wire: sum(ok.map((s) => s.wire)),
      encodings: [...new Set(ok.flatMap((s) => s.encodings))],
    },
    noModule: {
      count: legacy.length,
      raw: sum(legacy.map((s) => s.raw)),
      gzip9: sum(legacy.map((s) => s.gzip9)),
      wire: sum(legacy.map((s) => s.wire)),
      encodings: [...new Set(legacy.flatMap((s) => s.encodings))],
    },
    inline: { count: inline.length, raw: Buffer.byteLength(inlineText), gzip9: inline.length ? gzip9(inlineText) : 0 },
    styles: { count: sheets.length, ...sumSized(sheets) },
    transfer: sumSized(parts),
    failed: scripts.filter((s) => s.status !== 200),
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function sumSized(parts: Sized[]): Sized {
  return { raw: sum(parts.map((p) => p.raw)), gzip9: sum(parts.map((p) => p.gzip9)), wire: sum(parts.map((p) => p.wire)), encodings: [...new Set(parts.flatMap((p) => p.encodings))] };
}

/** kB of 1000 bytes, as the aim is stated. */
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
