import { parse, validate } from "fast-xml-parser";

/** fast-xml-parser 3 leaves entities as they are; decoding them here checks our escaping round-trips. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, name: string) => {
    if (name[0] === "#") return String.fromCodePoint(name[1].toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[name.toLowerCase()]!;
  });
}

export type AtomEntry = {
  id: string;
  title: string;
  updated: string;
  published: string;
  summary: string;
  "@_xml:lang"?: string;
  link: { "@_href": string; "@_rel": string; "@_hreflang"?: string }[];
  category: { "@_term": string }[];
};

/** Parse an Atom document strictly (a well-formedness error throws) into plain objects. */
export function parseAtom(xml: string) {
  const valid = validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid)}`);
  const doc = parse(xml, {
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    parseNodeValue: false,
    parseAttributeValue: false,
    trimValues: false,
    arrayMode: (name: string) => ["entry", "link", "category"].includes(name),
    tagValueProcessor: (value: string) => decodeEntities(value),
    attrValueProcessor: (value: string) => decodeEntities(value),
  });
  const feed = doc.feed as Record<string, unknown> & { entry?: Record<string, unknown>[] };
  const entries = (feed.entry ?? []).map((e) => ({ ...e, title: textOf(e.title), summary: textOf(e.summary) }) as AtomEntry);
  return { feed, entries };
}

/** An element with attributes parses to an object whose text sits under "#text". */
function textOf(node: unknown): string {
  return typeof node === "string" ? node : String((node as { "#text"?: string })["#text"] ?? "");
}
