import { expect } from "@playwright/test";
import * as check from "../../support/check";
import type { Person } from "../../support/fixtures";
import { fetchAnswer } from "../../support/http";
import { type AttackServer, answerOf } from "./attack-harness";

/**
 * The workspace the attacks aim at, made through the API as the demo users would: claims in each
 * state the doors need, sources, an evidence item, a person. Every id the doors use comes from here.
 */

export type Json = Record<string, unknown>;
export type ClaimDto = { id: string; version: number; state: string; title: string; publicSlug?: string | null };

let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

export async function call<T = Json>(server: AttackServer, person: Person | null, method: string, url: string, data?: unknown, status?: number): Promise<T> {
  const answer = await fetchAnswer(server.http, url, {
    method,
    headers: { ...(person ? server.auth(person) : {}), ...(data === undefined ? {} : { "Content-Type": "application/json" }) },
    body: data === undefined ? undefined : JSON.stringify(data),
  });
  if (status !== undefined) check.equal(answer.status, status, `${method} ${url}: ${answer.text.slice(0, 400)}`);
  else check.below(answer.status, 300, `${method} ${url}: ${answer.text.slice(0, 400)}`);
  return (answer.text ? JSON.parse(answer.text) : null) as T;
}

export function claimBody(overrides: Json = {}): Json {
  const word = unique("attack");
  return { kind: "report", title: `Attack target ${word}`, summary: `A claim the attack corpus aims at (${word}).`, language: "en", ...overrides };
}

export async function submitClaim(server: AttackServer, person: Person = "submitter", overrides: Json = {}): Promise<ClaimDto> {
  return call<ClaimDto>(server, person, "POST", "/api/v1/claims", claimBody(overrides), 201);
}

export async function transition(server: AttackServer, person: Person, claim: Pick<ClaimDto, "id" | "version">, body: Json): Promise<ClaimDto> {
  return call<ClaimDto>(server, person, "POST", `/api/v1/claims/${claim.id}/transitions`, { version: claim.version, ...body }, 200);
}

export async function getClaim(server: AttackServer, id: string, person: Person = "reviewer"): Promise<ClaimDto> {
  return call<ClaimDto>(server, person, "GET", `/api/v1/claims/${id}`);
}

export async function uploadText(server: AttackServer, person: Person, claimId: string, name = `${unique("notes")}.txt`): Promise<{ id: string; version: number }> {
  const response = await server.api.post(`/api/v1/claims/${claimId}/evidence`, {
    headers: server.auth(person),
    multipart: { file: { name, mimeType: "text/plain", buffer: Buffer.from(`Notes for the attack corpus (${unique("n")}).\n`) } },
  });
  const answer = await answerOf(response);
  expect(answer.status, answer.text.slice(0, 300)).toBe(201);
  return JSON.parse(answer.text) as { id: string; version: number };
}

/** A file of the given kind uploaded to a claim (a recording, a video): the new item. */
export async function uploadFile(server: AttackServer, person: Person, claimId: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<{ id: string; version: number }> {
  const response = await server.api.post(`/api/v1/claims/${claimId}/evidence`, { headers: server.auth(person), multipart: { file } });
  const answer = await answerOf(response);
  expect(answer.status, answer.text.slice(0, 300)).toBe(201);
  return JSON.parse(answer.text) as { id: string; version: number };
}

/** An item uploaded, reviewed for sensitivity and assessed as supporting: what review and publication ask for. */
export async function attachAssessedItem(server: AttackServer, claimId: string, person: Person = "reviewer") {
  const item = await uploadText(server, person, claimId);
  const reviewed = await call<{ id: string; version: number }>(server, person, "PATCH", `/api/v1/evidence/${item.id}`, {
    isGraphic: false,
    hasPersonalData: false,
    version: item.version,
  });
  await call(server, person, "POST", `/api/v1/claims/${claimId}/assessments`, { evidenceId: item.id, stance: "supports", credibility: 2 }, 201);
  return reviewed;
}

export async function createSource(server: AttackServer, overrides: Json = {}): Promise<{ id: string; version: number }> {
  return call(server, "reviewer", "POST", "/api/v1/sources", { name: unique("Source"), kind: "outlet", reliability: "C", ...overrides }, 201);
}

export async function addPerson(server: AttackServer, claimId: string, names = [unique("Person")]): Promise<{ linkId: string; version: number; person: { id: string; version: number } }> {
  return call(server, "reviewer", "POST", `/api/v1/claims/${claimId}/persons`, { role: "victim", names }, 201);
}

export type World = {
  /** In corroboration (submitted by the submitter, accepted by the reviewer): open for evidence, figures, persons. */
  open: ClaimDto;
  /** In corroboration with an assessed item: sent to review and back again. */
  cycling: ClaimDto;
  /** Published by editor2 (so the editor may correct it), in Kurdish (so it may be translated into Arabic and English). */
  published: ClaimDto;
  /** Submitted by the reviewer: the submitter may not see it. */
  hidden: ClaimDto;
  evidenceId: string;
  sourceA: string;
  sourceB: string;
  personId: string;
  linkId: string;
};

export async function makeWorld(server: AttackServer): Promise<World> {
  const open = await transition(server, "reviewer", await submitClaim(server), { action: "accept" });
  const evidence = await uploadText(server, "reviewer", open.id);
  const sourceA = await createSource(server);
  const sourceB = await createSource(server);
  const link = await addPerson(server, open.id);

  const cycling = await transition(server, "reviewer", await submitClaim(server), { action: "accept" });
  await attachAssessedItem(server, cycling.id);

  // Written in Kurdish, neither interface language: a correction may translate it into both (the
  // attacks fill every translation's fields at once; one into its own language is refused).
  let published = await transition(server, "reviewer", await submitClaim(server, "submitter", { language: "ku" }), { action: "accept" });
  await attachAssessedItem(server, published.id);
  published = await transition(server, "reviewer", published, { action: "send_to_review", grade: "probable", rationale: "Two independent origins." });
  published = await transition(server, "editor2", published, { action: "publish" });
  expect(published.state).toBe("published");

  const hidden = await submitClaim(server, "reviewer");
  return {
    open: await getClaim(server, open.id),
    cycling: await getClaim(server, cycling.id),
    published: await getClaim(server, published.id),
    hidden,
    evidenceId: evidence.id,
    sourceA: sourceA.id,
    sourceB: sourceB.id,
    personId: link.person.id,
    linkId: link.linkId,
  };
}
