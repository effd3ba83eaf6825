import { env } from "@/lib/env";

/**
 * The site's public address (`PUBLIC_URL`), or else the origin the client asked for, for absolute links in feeds and exports. Next's `request.url`
 * names the server's own listening host (`localhost`), not the one the client used, so the Host
 * header — or the proxy's X-Forwarded-Host/-Proto — is read instead. A value that is not a plain
 * host[:port] is ignored: it only ever shapes the asking client's own answer, but must not put
 * markup or a path into a link.
 */
export function requestOrigin(request: Request): string {
  // A configured address wins: then no header a client sends shapes a link.
  return env.PUBLIC_URL ?? askedOrigin(request);
}

/** The origin the client asked for: the proxy's X-Forwarded-Host/-Proto, else Host and the server's scheme. */
export function askedOrigin(request: Request): string {
  return askedOriginOf(request.headers, new URL(request.url));
}

/**
 * The same from the headers alone, for server components and actions, which have no Request;
 * `url` (the address Next saw) fills in what the headers do not say.
 */
export function askedOriginOf(headers: Headers, url?: URL): string {
  const first = (name: string) => headers.get(name)?.split(",")[0]?.trim() || null;
  const host = [first("x-forwarded-host"), first("host")].find((h) => h && /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(h));
  const proto = first("x-forwarded-proto");
  const scheme = proto === "http" || proto === "https" ? proto : (url?.protocol.slice(0, -1) ?? "http");
  return `${scheme}://${host ?? url?.host ?? "localhost"}`;
}
