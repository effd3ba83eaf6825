import { CATALOGUES } from "./catalogues";
import { directionOf, type Locale, PRODUCT_NAME } from "./locales";
import { publicPath, WEB_MANIFEST } from "./public-paths";

/** The workspace's colour (teal-800): the phone's bar and the icons' ground. */
export const THEME_COLOR = "#115e59";
/** The pages' ground (stone-50): what a phone shows while the app opens. */
const BACKGROUND_COLOR = "#fafaf9";

/** The icons in public/icons/, made once from public/icons/icon.svg; a test checks each is there at its size. */
export const MANIFEST_ICONS = [
  { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
  { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
  { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
] as const;

/** The address of the web app manifest in a language: `/manifest.webmanifest` in the default one, as the public pages. */
export function manifestPath(locale: Locale): string {
  return publicPath(locale, WEB_MANIFEST);
}

/**
 * What a phone needs to install the workspace, in one language: the name, the description in
 * that language and its direction, the icons, the colours, and where it opens (the queue: a
 * signed-out person is sent to sign in, and back).
 */
export function webManifest(locale: Locale) {
  return {
    id: "/claims",
    name: PRODUCT_NAME,
    short_name: PRODUCT_NAME,
    description: CATALOGUES[locale].site.description,
    lang: locale,
    dir: directionOf(locale),
    start_url: "/claims",
    scope: "/",
    display: "standalone",
    orientation: "any",
    theme_color: THEME_COLOR,
    background_color: BACKGROUND_COLOR,
    icons: MANIFEST_ICONS,
  };
}
