import "server-only";
import { z } from "zod";
import { readMessageRef } from "@/lib/i18n/message-ref";
import { tr } from "@/lib/i18n/translate";

type Translate = (key: string, values?: Record<string, unknown>) => string;
const say = tr as unknown as Translate;

/** A message as the reader reads it: a catalogue reference in their language, other text as it is. */
export function resolveMessage(text: string): string {
  const ref = readMessageRef(text);
  return ref ? say(ref.key, ref.values) : text;
}

const SIZED_TEXT = new Set(["string"]);
const SIZED_LIST = new Set(["array", "set"]);

/**
 * zod's own messages (a missing field, a wrong type, a number too big…), in the request's
 * language from our catalogue: zod's Arabic leaves English words ("string") in its messages.
 */
function localeError(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? say("validation.required") : say("validation.invalidType", { expected: String(issue.expected) });
    case "too_small": {
      const minimum = Number(issue.minimum);
      if (SIZED_TEXT.has(String(issue.origin))) return say("validation.tooShortText", { minimum });
      if (SIZED_LIST.has(String(issue.origin))) return say("validation.tooFewItems", { minimum });
      return say("validation.tooSmallNumber", { minimum: String(issue.minimum), inclusive: String(issue.inclusive !== false) });
    }
    case "too_big": {
      const maximum = Number(issue.maximum);
      if (SIZED_TEXT.has(String(issue.origin))) return say("validation.tooLongText", { maximum });
      if (SIZED_LIST.has(String(issue.origin))) return say("validation.tooManyItems", { maximum });
      return say("validation.tooBigNumber", { maximum: String(issue.maximum), inclusive: String(issue.inclusive !== false) });
    }
    case "invalid_value":
      return say("validation.invalidOption", { options: issue.values.map(String).join(", ") });
    case "invalid_format":
      return say("validation.invalidFormat", { format: String(issue.format) });
    case "not_multiple_of":
      return say("validation.notInteger");
    case "unrecognized_keys":
      return say("errors.unknownField");
    default:
      return say("validation.invalid");
  }
}

z.config({ localeError });
