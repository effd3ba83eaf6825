/**
 * The bytes are not what their sniffed type says, or are past a bound: the derivation is skipped
 * with this reason, and never retried (the same bytes would be refused again).
 */
export class MediaRefused extends Error {
  override name = "MediaRefused";
}
