/**
 * Time from outside (RFC 3161): tokens from a time-stamping authority over the audit chain's head,
 * each seal event and each evidence item's bytes. What other parts of the app read of them.
 */
export { isTimeStampingConfigured, timeStampConfig, type TimeStampConfig } from "./config";
export { latestChainStamp, type TimeStampDto } from "./read-stamps";
