import { z } from "zod";
import { RELIABILITIES, SOURCE_KINDS } from "@/lib/vocabulary";
import { ZLimit } from "@/lib/validation/cursor";
import { zOptionalText, zText } from "@/lib/validation/text";
import { messageRef } from "@/lib/i18n/message-ref";

const ZUrl = z
  .string()
  .trim()
  .max(2000, messageRef("validation.atMostCharacters", { max: 2000 }))
  .url(messageRef("validation.notUrl"))
  .refine((u) => /^https?:\/\//i.test(u), messageRef("validation.httpUrl"));

const sourceFields = {
  name: zText(300),
  kind: z.enum(SOURCE_KINDS, { error: messageRef("validation.useOneOf", { options: SOURCE_KINDS.join(", ") }) }),
  url: ZUrl.optional(),
  handles: z.array(zText(200)).max(20, messageRef("validation.sources.atMostHandles", { max: 20 })).optional(),
  reliability: z.enum(RELIABILITIES, { error: messageRef("validation.sources.reliability") }),
  reliabilityRationale: zOptionalText(5000),
  affiliatedWithId: z.uuid(messageRef("validation.notSourceId")).nullable().optional(),
  protected: z.boolean().optional(),
};

export const ZCreateSource = z.object(sourceFields).strict();
export type TCreateSource = z.input<typeof ZCreateSource>;

export const ZUpdateSource = z
  .object({
    name: sourceFields.name.optional(),
    kind: sourceFields.kind.optional(),
    url: ZUrl.nullable().optional(),
    handles: sourceFields.handles,
    reliability: sourceFields.reliability.optional(),
    reliabilityRationale: zOptionalText(5000).nullable(),
    affiliatedWithId: sourceFields.affiliatedWithId,
    protected: z.boolean().optional(),
    version: z.number().int().positive(),
  })
  .strict();
export type TUpdateSource = z.input<typeof ZUpdateSource>;

export const ZAddCitation = z.object({ citesSourceId: z.uuid(messageRef("validation.notSourceId")) }).strict();
export type TAddCitation = z.input<typeof ZAddCitation>;

export const ZSourceQuery = z.object({ q: zOptionalText(200), cursor: z.string().max(300).optional(), limit: ZLimit });
export type TSourceQuery = z.input<typeof ZSourceQuery>;
