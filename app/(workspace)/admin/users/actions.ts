"use server";

import { headers } from "next/headers";
import { askedOriginOf } from "@/lib/api/request-origin";
import { revokeToken } from "@/lib/auth/api-tokens";
import { endSessionById } from "@/lib/auth/sessions";
import type { ActionState } from "@/lib/errors/action-state";
import { tr } from "@/lib/i18n/translate";
import { mailIsDelivered } from "@/lib/mail/deliver";
import { formAction } from "@/lib/server/doors";
import { inviteUser } from "@/lib/users/invite-user";
import { resetSecondFactors } from "@/lib/users/reset-second-factors";
import { changeUser } from "@/lib/users/update-user";
import { isUuid } from "@/lib/validation/uuid";

/** The pages that show a person: the list, and their own page (named only when the id is one). */
const pagesOf = (userId: string) => ["/admin/users", ...(isUuid(userId) ? [`/admin/users/${userId}`] : [])];

/** The invite form: an address and a role; the link goes by mail (or waits in the outbox). */
export async function inviteAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const invitation = await inviteUser(db, actor, { email: values.email ?? "", role: values.role as never, name: values.name }, { askedOrigin: askedOriginOf(await headers()) });
    const expiresAt = new Date(invitation.expiresAt);
    return { message: tr(mailIsDelivered() ? "people.invite.sent" : "people.invite.sentToOutbox", { email: invitation.email, expiresAt }), refresh: ["/admin/users", "/admin/outbox"] };
  });
}

export async function changeRoleAction(userId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await changeUser(db, actor, userId, { role: values.role as never });
    return { message: tr("people.detail.roleSaved"), refresh: pagesOf(userId) };
  });
}

/** Deactivate (`active` "false") or reactivate (`active` "true") a person. */
export async function setActiveAction(userId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const active = values.active === "true" ? true : values.active === "false" ? false : (values.active as never);
    await changeUser(db, actor, userId, { active });
    return { message: tr(active ? "people.detail.reactivated" : "people.detail.deactivated"), refresh: pagesOf(userId) };
  });
}

export async function resetSecondFactorsAction(userId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor }) => {
    const { removed } = await resetSecondFactors(db, actor, userId);
    return { message: tr(removed ? "people.detail.resetDone" : "people.detail.resetNothing"), refresh: pagesOf(userId) };
  });
}

export async function revokeTokenAction(userId: string, tokenId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor }) => {
    await revokeToken(db, actor, tokenId);
    return { message: tr("people.detail.tokenRevoked"), refresh: pagesOf(userId) };
  });
}

export async function endSessionAction(userId: string, sessionId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor }) => {
    await endSessionById(db, actor, sessionId);
    return { message: tr("people.detail.sessionEnded"), refresh: pagesOf(userId) };
  });
}
