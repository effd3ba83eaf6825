import { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { resolveMessage } from "./messages";

/**
 * Field errors keyed by dotted path, "" for the whole object, in the request's language (zod's own
 * messages through ./messages.ts, a schema's through its `messageRef`). The keys come from the client (an
 * unknown field is named as sent), so they are gathered in a Map: "__proto__", "constructor" or
 * "toString" are keys like any other there, where on a plain object they are Object.prototype's
 * members. Object.fromEntries then defines each as an own property (a plain object, as React's
 * action state needs).
 */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors = new Map<string, string[]>();
  const add = (key: string, message: string) => {
    const list = fieldErrors.get(key);
    if (list) list.push(message);
    else fieldErrors.set(key, [message]);
  };
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      // Name each unknown field, so a client sees which one to drop.
      for (const unknown of issue.keys) add([...issue.path, unknown].join("."), tr("errors.unknownField"));
      continue;
    }
    add(issue.path.join("."), resolveMessage(issue.message));
  }
  return Object.fromEntries(fieldErrors);
}

/** Parse at a door: bad input becomes a 400 AppError with field errors, never a throw of ZodError. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError("BAD_REQUEST", tr("errors.fieldErrors"), {
      fieldErrors: fieldErrorsOf(result.error),
    });
  }
  return result.data;
}
