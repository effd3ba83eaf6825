import { EveryLanguageNotFound } from "@/components/layout/every-language-not-found";

/** A public page that finds nothing (an entry that does not exist), inside the public site's frame. */
export default function PublicNotFound() {
  return <EveryLanguageNotFound />;
}
