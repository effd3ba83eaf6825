/**
 * Auth.js puts an absolute URL in callbackUrl; honour only a same-site path, so a crafted link
 * cannot send someone elsewhere after they sign in.
 */
export function safeRedirectPath(value: unknown, fallback = "/claims"): string {
  if (typeof value !== "string" || value.length > 500) return fallback;
  let path = value;
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      path = url.pathname + url.search;
    } catch {
      return fallback;
    }
  }
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\") || path.startsWith("/login")) {
    return fallback;
  }
  return path;
}
