import type { Disclosure } from "@/lib/vocabulary";

/**
 * Why an item is named as it is in public: an editor's choice, the rule (a protected source gave
 * or relayed it, or it shows personal data, so its commitment; otherwise its hash), or — for an
 * item the rule would commit to whose commitment is not computed yet — withheld until it is.
 */
export type DisclosureBasis = "chosen" | "protected_source" | "personal_data" | "same_bytes" | "open" | "not_ready";

export type ItemDisclosure = { disclosure: Disclosure; basis: DisclosureBasis };

/** What the rule reads of an item. */
export type DisclosureFacts = {
  /** An editor's choice over the rule (null: the rule decides). */
  chosen: Disclosure | null;
  fromProtectedSource: boolean;
  hasPersonalData: boolean;
  /** Another item of the same bytes is protected, personal or committed to (./read-disclosures.ts). */
  sameBytesSensitive: boolean;
  commitment: string | null;
};

/**
 * The one rule for how the public names an item (issue 23). A SHA-256 lets whoever else holds
 * the file — those who filmed it, a service that seized a phone — find it on our page and learn
 * that we hold it, and through it perhaps who sent it; a commitment tells them nothing, yet binds
 * us to the bytes for a court given the key later. Never the hash of an item without its commitment
 * ready when the rule asks for one: such an item is withheld instead.
 */
export function disclosureOf(item: DisclosureFacts): ItemDisclosure {
  const ruled: ItemDisclosure = item.chosen
    ? { disclosure: item.chosen, basis: "chosen" }
    : item.fromProtectedSource
      ? { disclosure: "commitment", basis: "protected_source" }
      : item.hasPersonalData
        ? { disclosure: "commitment", basis: "personal_data" }
        : item.sameBytesSensitive
          ? { disclosure: "commitment", basis: "same_bytes" }
          : { disclosure: "hash", basis: "open" };
  if (ruled.disclosure === "commitment" && !item.commitment) return { disclosure: "withheld", basis: "not_ready" };
  return ruled;
}
