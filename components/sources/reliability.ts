/** The Admiralty scale of source reliability, in words. */
export const RELIABILITY_LABEL: Record<string, string> = {
  A: "A — completely reliable",
  B: "B — usually reliable",
  C: "C — fairly reliable",
  D: "D — not usually reliable",
  E: "E — unreliable",
  F: "F — cannot be judged",
};
