import { z } from "zod";
import { QUEUE_ORDERS } from "@/lib/claims/schemas";
import { messageRef } from "@/lib/i18n/message-ref";
import { zOptionalText, zText } from "@/lib/validation/text";
import { CLAIM_KINDS, CLAIM_STATES } from "@/lib/vocabulary";

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** Longest name of a saved view, in characters. */
export const VIEW_NAME_MAX = 80;
/** Most views one person keeps (their own, shared or not): the list beside the tabs stays short. */
export const VIEWS_PER_PERSON = 30;

/**
 * The queue's filters a view keeps, as the queue's address names them: a state ("all" for every
 * one), a kind, words, an assignee, an order (waiting longest is the age order). Only these.
 */
export const ZViewFilters = z
  .object({
    state: z.preprocess(emptyToUndefined, z.enum([...CLAIM_STATES, "all"]).optional()),
    kind: z.preprocess(emptyToUndefined, z.enum(CLAIM_KINDS).optional()),
    q: zOptionalText(200),
    assignee: z.preprocess(emptyToUndefined, z.uuid(messageRef("validation.notUserId")).optional()),
    order: z.preprocess(emptyToUndefined, z.enum(QUEUE_ORDERS).optional()),
  })
  .strict();
export type TViewFilters = z.infer<typeof ZViewFilters>;

export const ZCreateView = z
  .object({
    name: zText(VIEW_NAME_MAX),
    filters: ZViewFilters,
    /** Shared with the team (reviewers and editors share), or the owner's alone. */
    shared: z.boolean({ error: messageRef("validation.trueOrFalse") }).optional(),
  })
  .strict();
export type TCreateView = z.input<typeof ZCreateView>;
