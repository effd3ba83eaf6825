import type { PersonRole } from "@/lib/vocabulary";

export const ROLE_LABEL: Record<PersonRole, string> = {
  victim: "Victim (killed)",
  missing: "Missing",
  injured: "Injured",
  perpetrator: "Perpetrator",
  witness: "Witness",
};

export const ROLE_PLURAL: Record<PersonRole, string> = {
  victim: "Victims",
  missing: "Missing",
  injured: "Injured",
  perpetrator: "Perpetrators",
  witness: "Witnesses",
};

/** A match score as people read it. */
export function formatScore(score: number): string {
  return `${Math.round(score * 100)}%`;
}
