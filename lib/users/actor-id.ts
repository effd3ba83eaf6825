import { type Actor, SYSTEM_ACTOR } from "@/lib/auth/permissions";

/** The user id an audit event records: none for the system itself (seed, admin command line). */
export function auditActorId(actor: Actor): string | null {
  return actor.id === SYSTEM_ACTOR.id ? null : actor.id;
}
