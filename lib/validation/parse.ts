import { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors/app-error";

/** Field errors keyed by dotted path, "" for the whole object. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      // Name each unknown field, so a client sees which one to drop.
      for (const unknown of issue.keys) {
        (fieldErrors[[...issue.path, unknown].join(".")] ??= []).push("Unknown field.");
      }
      continue;
    }
    const key = issue.path.join(".");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

/** Parse at a door: bad input becomes a 400 AppError with field errors, never a throw of ZodError. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError("BAD_REQUEST", "Some fields are missing or not valid; see the field errors.", {
      fieldErrors: fieldErrorsOf(result.error),
    });
  }
  return result.data;
}
