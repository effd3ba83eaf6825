/**
 * Person-name matching across Arabic script and Latin transliterations. Pure functions, no I/O:
 * usable on the server, in workers and in the browser.
 */
export { normaliseArabic } from "./arabic";
export { detectScript, prepareName, blockingKeys, type NameScript, type PreparedName } from "./prepare";
export { foldLatin, romaniseArabic } from "./comparison-form";
export { scorePrepared, scoreNames, scoreKey, MATCH_THRESHOLD, CANDIDATE_THRESHOLD } from "./score";
export type { MatchReason, MatchReasonCode } from "./reasons";
export { reconcileNames, reconcileSteps, MAX_REPRESENTATIVES } from "./reconcile";
