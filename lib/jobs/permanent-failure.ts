/**
 * A failure that trying again cannot mend (a decoder timing out on the same bytes, a tool refusing
 * them): the worker gives the job up at once instead of retrying it with backoff.
 */
export class PermanentJobFailure extends Error {
  override name = "PermanentJobFailure";
}
