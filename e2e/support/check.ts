import { inspect, isDeepStrictEqual } from "node:util";

/**
 * Plain assertions for the security specs' per-attempt checks. Playwright's `expect` reports every
 * call as a step of the test, with a captured, source-mapped stack sent to the runner: over the
 * thousands of checks of an attack spec that cost the test worker more CPU than the attacks
 * themselves. These cost nothing when they pass, and fail as `expect` does: the message, then
 * what was expected and what was received, the stack starting at the line that checked.
 */

const show = (value: unknown) => inspect(value, { depth: 4, maxArrayLength: 20, maxStringLength: 300, breakLength: Infinity });

function fail(message: string, expected: string, received: unknown, caller: (...args: never[]) => unknown): never {
  const error = new Error(`${message}\n\nExpected: ${expected}\nReceived: ${show(received)}`);
  Error.captureStackTrace(error, caller);
  throw error;
}

/** Deep equality, as `toEqual` (and `toBe` for primitives). */
export function equal<T>(actual: T, expected: T, message: string): void {
  if (!isDeepStrictEqual(actual, expected)) fail(message, show(expected), actual, equal);
}

export function ok(value: unknown, message: string): asserts value {
  if (!value) fail(message, "a truthy value", value, ok);
}

export function below(actual: number, limit: number, message: string): void {
  if (!(actual < limit)) fail(message, `< ${limit}`, actual, below);
}

export function above(actual: number, limit: number, message: string): void {
  if (!(actual > limit)) fail(message, `> ${limit}`, actual, above);
}

export function atLeast(actual: number, limit: number, message: string): void {
  if (!(actual >= limit)) fail(message, `>= ${limit}`, actual, atLeast);
}

export function oneOf<T>(actual: T, allowed: readonly T[], message: string): void {
  if (!allowed.includes(actual)) fail(message, `one of ${show(allowed)}`, actual, oneOf);
}

export function contains(text: string | undefined, part: string, message: string): void {
  if (typeof text !== "string" || !text.includes(part)) fail(message, `text containing ${show(part)}`, text, contains);
}

export function matches(text: string | undefined, pattern: RegExp, message: string): void {
  if (typeof text !== "string" || !pattern.test(text)) fail(message, `a match for ${pattern}`, text, matches);
}

/** `text` does not match `pattern`; a failure shows the match in its context. */
export function noMatch(text: string, pattern: RegExp, message: string): void {
  const found = pattern.exec(text);
  if (found) fail(message, `no match for ${pattern}`, text.slice(Math.max(0, found.index - 100), found.index + found[0].length + 100), noMatch);
}
