import { z } from "zod";
import { RELIABILITIES, SOURCE_KINDS } from "@/lib/vocabulary";
import { ZLimit } from "@/lib/validation/cursor";
import { zOptionalText, zText } from "@/lib/validation/text";

const ZUrl = z
  .string()
  .trim()
  .max(2000, "At most 2000 characters.")
  .url("Not a URL.")
  .refine((u) => /^https?:\/\//i.test(u), "Use an http or https address.");

const sourceFields = {
  name: zText(300),
  kind: z.enum(SOURCE_KINDS, { error: `Use one of: ${SOURCE_KINDS.join(", ")}.` }),
  url: ZUrl.optional(),
  handles: z.array(zText(200)).max(20, "At most 20 handles.").optional(),
  reliability: z.enum(RELIABILITIES, { error: "Use A–F (Admiralty scale)." }),
  reliabilityRationale: zOptionalText(5000),
  affiliatedWithId: z.uuid("Not a source id.").nullable().optional(),
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

export const ZAddCitation = z.object({ citesSourceId: z.uuid("Not a source id.") }).strict();
export type TAddCitation = z.input<typeof ZAddCitation>;

export const ZSourceQuery = z.object({ q: zOptionalText(200), cursor: z.string().max(300).optional(), limit: ZLimit });
export type TSourceQuery = z.input<typeof ZSourceQuery>;
