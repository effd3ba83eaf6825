/**
 * What a session's User-Agent says of the device, roughly, for a person to recognise their own
 * sessions ("Firefox on Windows"): the first known browser and system named in it, else null for
 * each. Browsers name others for compatibility (Edge says Chrome and Safari; Chrome says Safari),
 * so the more specific names are tried first.
 */
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, "Edge"],
  [/\b(?:OPR|Opera)\//, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\b(?:Firefox|FxiOS)\//, "Firefox"],
  [/(?:\b|Headless)(?:Chrome|CriOS|Chromium)\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
];
const SYSTEMS: [RegExp, string][] = [
  [/\bAndroid\b/, "Android"],
  [/\b(?:iPhone|iPad|iPod)\b/, "iOS"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

export type Device = { browser: string | null; system: string | null };

export function describeDevice(userAgent: string | null): Device {
  const ua = userAgent ?? "";
  const first = (list: [RegExp, string][]) => list.find(([pattern]) => pattern.test(ua))?.[1] ?? null;
  return { browser: first(BROWSERS), system: first(SYSTEMS) };
}
