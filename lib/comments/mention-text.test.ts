import { describe, expect, it } from "vitest";
import { commentSegments, matchPeople, MENTIONS_MAX, mentionedIn } from "./mention-text";

const rami = { id: "r", name: "Rami" };
const ramiHaddad = { id: "rh", name: "Rami Haddad" };
const layla = { id: "l", name: "ليلى حداد" };

describe("mentionedIn", () => {
  it("reads @ and a name as offered, the longest name that matches, in order of first mention", () => {
    expect(mentionedIn("@Rami Haddad, please look; @ليلى حداد too. @Rami Haddad again", [rami, ramiHaddad, layla])).toEqual(["rh", "l"]);
    expect(mentionedIn("Over to @rami — thanks", [rami, ramiHaddad])).toEqual(["r"]);
  });

  it("mentions nobody for a longer word, an address, a bare @ or someone not offered", () => {
    expect(mentionedIn("@Ramiz and rami@example.org and @ alone", [rami])).toEqual([]);
    expect(mentionedIn("@Sami please", [rami, layla])).toEqual([]);
  });

  it("stops at the bound", () => {
    const people = Array.from({ length: MENTIONS_MAX + 5 }, (_, i) => ({ id: `p${i}`, name: `Person${i}` }));
    expect(mentionedIn(people.map((p) => `@${p.name}`).join(" "), people)).toHaveLength(MENTIONS_MAX);
  });
});

describe("commentSegments", () => {
  it("cuts text into links and the recorded mentions, leaving everything else as written", () => {
    expect(commentSegments("See https://example.org/a?b=1. @Rami Haddad <b>ok</b> @Sami", ["Rami Haddad"])).toEqual([
      { text: "See " },
      { link: "https://example.org/a?b=1" },
      { text: ". " },
      { mention: "@Rami Haddad" },
      { text: " <b>ok</b> @Sami" },
    ]);
    expect(commentSegments("javascript:alert(1) @rami", ["Rami"])).toEqual([{ text: "javascript:alert(1) " }, { mention: "@rami" }]);
  });
});

describe("matchPeople", () => {
  it("offers names beginning with what was typed first, then names with a word beginning with it, then the rest holding it", () => {
    const people = [{ name: "Samir Haddad" }, { name: "Hadi Nassar" }, { name: "Rami Haddad" }, { name: "Chadia Amin" }, { name: "Layla Khoury" }];
    expect(matchPeople(people, "had").map((p) => p.name)).toEqual(["Hadi Nassar", "Rami Haddad", "Samir Haddad", "Chadia Amin"]);
    expect(matchPeople(people, "", 2).map((p) => p.name)).toEqual(["Chadia Amin", "Hadi Nassar"]);
    expect(matchPeople(people, "zz")).toEqual([]);
  });
});
