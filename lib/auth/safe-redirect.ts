/** Longer than any path of ours with its query; a longer value is not a link we made. */
const MAX_LENGTH = 2000;

/** C0 and C1 controls, DEL, and every kind of whitespace (browsers drop tabs and newlines from URLs). */
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007F-\u009F\s]/u;

function hasControlOrSpace(value: string): boolean {
  if (CONTROL_OR_SPACE.test(value)) return true;
  try {
    return CONTROL_OR_SPACE.test(decodeURIComponent(value));
  } catch {
    return true; // a malformed escape is no link we made
  }
}

/**
 * Where to go after signing in: a path on this site, never anywhere else. The value (a path, or
 * the absolute URL Auth.js puts in callbackUrl) is resolved against the site's own origin by the
 * URL parser browsers use, and accepted only when the result has that origin; what is returned is
 * the parsed URL's path, query and fragment, never the raw string, so whatever the parser
 * normalised away (`/\evil`, `/.//evil`) cannot come back. Values with control characters or
 * whitespace are refused before parsing, also once percent-decoded: browsers drop tabs and
 * newlines (`/\t/evil` becomes `//evil`), and a newline in a Location header is a server error.
 */
export function safeRedirectPath(value: unknown, origin: string, fallback = "/claims", { signInPage = false } = {}): string {
  if (typeof value !== "string" || value === "" || value.length > MAX_LENGTH || hasControlOrSpace(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(origin).origin) return fallback;
  const path = url.pathname + url.search + url.hash;
  // A path starting `//` is protocol-relative: `/.//evil` resolves to one.
  if (!path.startsWith("/") || path.startsWith("//") || (!signInPage && isSignInPage(url.pathname))) return fallback;
  return path;
}

/** Going back to /login after signing in would loop (`/%6Cogin` is routed there too). */
function isSignInPage(pathname: string): boolean {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // a malformed escape: the raw path is checked
  }
  return /^\/login(?:\/|$)/i.test(decoded);
}
