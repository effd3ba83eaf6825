/**
 * The pieces of an OpenAPI answer that the operation table (./operations.ts) writes by hand: a
 * success with its description and the error answers an operation can give. Pure data, so the
 * table can be read outside the server (the permission matrix runs in Playwright).
 */

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid input; `fieldErrors` names the fields",
  401: "No valid API token",
  403: "Your role may not do this (`FORBIDDEN`), or a write with the session cookie came from another site's page (`CROSS_ORIGIN`)",
  404: "Not found, or not visible to you",
  409: "The claim changed since the version you sent",
  413: "Body too large",
  415: "Wrong content type",
  422: "A workflow guard failed; `guard` names it",
};

export const errorResponses = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [String(code), { description: ERROR_TEXT[code], content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]),
  );

export const ok = (description: string, schema: object = { type: "object" }) => ({
  description,
  content: { "application/json": { schema } },
});
