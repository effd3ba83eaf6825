import type { Messages } from "./catalogues";
import type { FORMATS } from "./formats";

// next-intl checks every message key and its values against the English catalogue. Its locale is
// a formatting tag ("ar-u-ca-gregory-nu-arab"), not one of LOCALES: `languageOf` turns one into the other.
declare module "next-intl" {
  interface AppConfig {
    Messages: Messages;
    Formats: typeof FORMATS;
  }
}
