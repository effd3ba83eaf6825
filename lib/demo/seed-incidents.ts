import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { addAttribution } from "@/lib/incidents/attributions";
import { recordCasualty } from "@/lib/incidents/casualties";
import { createIncident } from "@/lib/incidents/create-incident";
import { getIncident } from "@/lib/incidents/get-incident";
import { linkIncidentClaim } from "@/lib/incidents/incident-claims";
import { publishIncident } from "@/lib/incidents/publish-incident";
import type { TCreateIncident } from "@/lib/incidents/schemas";
import type { Db } from "@/db/connect";

/** What the demo seed made before its incidents: who does the work, its claims, persons and sources (ids). */
export type DemoIncidentInputs = {
  /** Makes the incidents and everything hanging from them. */
  reviewer: Actor;
  /** Publishes the top incident: an editor other than the reviewer (the four-eyes rule). */
  editor: Actor;
  claims: { toll: string; grave: string; victim: string; recycled: string };
  /** The two victims the demo names as distinct persons (the grave video's other spelling of Yusuf is left out: see below). */
  persons: { yusuf: string; nabil: string };
  sources: { monitor: string; familyAccount: string; relative: string };
};

export const DEMO_INCIDENT_TITLES = {
  coast: "Killings on the Syrian coast",
  baniyas: "Killings in Baniyas",
  qusour: "al-Qusour neighbourhood",
  sanubir: "Mass grave in Sanubir",
} as const;

/**
 * The demo's incidents (issue 24), written through lib/incidents so every step is audited: the
 * coastal killings, with Baniyas (and its al-Qusour neighbourhood) and the Sanubir mass grave under
 * them; the demo's claims about the coast linked to them, its two named victims recorded once each,
 * who is said to have done it in Baniyas, and the top incident published by a second editor (it
 * carries the published casualty count). Baniyas stays a draft: none of its claims is published
 * yet, and an incident page shows only what is public. Run by seedDemo, once (its own guard).
 *
 * Only "Yusuf Wahid Mithal" and "Nabil Karim Wardeh" are recorded as victims: the grave video's
 * "Youssef Waheed Methal" is the demo's unmerged second spelling of Yusuf, and recording both
 * would count one man twice until someone merges them.
 */
export async function seedIncidents(db: Db, { reviewer, editor, claims, persons, sources }: DemoIncidentInputs): Promise<void> {
  const create = (input: TCreateIncident) => createIncident(db, reviewer, input);

  const coast = await create({
    title: DEMO_INCIDENT_TITLES.coast,
    language: "en",
    translations: { ar: "مجازر الساحل السوري" },
    type: "killing",
    summary:
      "Killings of civilians, most of them Alawites, in the coastal governorates of Latakia and Tartus and in Hama countryside from 6 March 2025, after armed men loyal to the former government attacked security forces. Counts of the dead kept rising for a week.",
    placeName: "Syrian coast (Latakia, Tartus, Hama countryside)",
    placePrecision: "region",
    latitude: 35.3,
    longitude: 35.95,
    startDate: "2025-03-06",
    endDate: "2025-03-10",
    datePrecision: "day",
  });
  const baniyas = await create({
    title: DEMO_INCIDENT_TITLES.baniyas,
    language: "en",
    translations: { ar: "عمليات القتل في بانياس" },
    type: "killing",
    summary: "Killings in the town of Baniyas, Tartus governorate, during the coastal violence.",
    placeName: "Baniyas",
    placePrecision: "locality",
    latitude: 35.18,
    longitude: 35.94,
    startDate: "2025-03-07",
    endDate: "2025-03-09",
    datePrecision: "day",
    parentId: coast.id,
  });
  await create({
    title: DEMO_INCIDENT_TITLES.qusour,
    language: "en",
    translations: { ar: "حي القصور" },
    type: "killing",
    summary: "Killings reported in the al-Qusour neighbourhood of Baniyas; no claim in this workspace is about it yet.",
    placeName: "al-Qusour, Baniyas",
    placePrecision: "vicinity",
    latitude: 35.19,
    longitude: 35.95,
    startDate: "2025-03-07",
    endDate: "2025-03-08",
    datePrecision: "day",
    parentId: baniyas.id,
  });
  const sanubir = await create({
    title: DEMO_INCIDENT_TITLES.sanubir,
    language: "en",
    translations: { ar: "مقبرة جماعية في سنوبر" },
    type: "mass_grave",
    summary: "A mass grave near the village of Sanubir, Jableh countryside, said to be shown in a video circulating from 12 March 2025; its place and date are still being verified.",
    placeName: "Sanubir, Jableh countryside",
    placePrecision: "locality",
    // Where the demo's video claim places Sanubir (Jableh itself is at 35.36, 35.92).
    latitude: 35.33,
    longitude: 35.99,
    startDate: "2025-03-12",
    endDate: "2025-03-12",
    datePrecision: "day",
    parentId: coast.id,
  });

  // The coast-wide count, and the recycled footage said to be from Jableh (rejected: kept beside the
  // incident so reviewers see what circulated; a rejected claim's figures never count).
  await linkIncidentClaim(db, reviewer, coast.id, { claimId: claims.toll });
  await linkIncidentClaim(db, reviewer, coast.id, { claimId: claims.recycled });
  await linkIncidentClaim(db, reviewer, baniyas.id, { claimId: claims.victim });
  await linkIncidentClaim(db, reviewer, sanubir.id, { claimId: claims.grave });

  await recordCasualty(db, reviewer, baniyas.id, {
    personId: persons.yusuf,
    dateOfDeath: "2025-03-07",
    placeOfDeath: "Baniyas (his home)",
    // The family's posts and the relative say he was killed at home, not how.
    cause: "unknown",
    status: "civilian",
    ageBand: "adult",
    sex: "male",
    sourceIds: [sources.familyAccount, sources.relative],
    note: "Fictional name. Date and place from the family's posts, confirmed by a relative.",
  });
  await recordCasualty(db, reviewer, sanubir.id, {
    personId: persons.nabil,
    placeOfDeath: "Sanubir, Jableh countryside",
    cause: "unknown",
    status: "unknown",
    age: 52,
    sex: "male",
    note: "Fictional name. Named with the grave video; date of death not known.",
  });

  await addAttribution(db, reviewer, baniyas.id, {
    perpetrator: "Armed factions fighting alongside the interim government's forces",
    grade: "single_source",
    rationale: "Said by the monitor alone in this workspace; which units were in Baniyas, and under whose command, is not established.",
    sourceIds: [sources.monitor],
  });

  // Made by the reviewer, published by an editor: four eyes. Its published claim (the count) is what the page shows.
  const current = await getIncident(db, reviewer, coast.id);
  await publishIncident(db, editor, coast.id, { version: current.version });
}
