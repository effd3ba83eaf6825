/** The caller's address as the proxy in front of us reports it; "local" when there is none. */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const address = forwarded || headers.get("x-real-ip")?.trim() || "local";
  return address.slice(0, 64);
}
