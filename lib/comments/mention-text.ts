/** Someone who may be mentioned on a claim, as a picker offers them. */
export type MentionablePerson = { id: string; name: string; role: string };

/** The most people one comment mentions: more is a broadcast, not a mention. */
export const MENTIONS_MAX = 20;

const WORD_CHARACTER = /[\p{L}\p{N}\p{M}_]/u;

/**
 * The people a text mentions: `@` followed by a person's name as offered (letter case aside), and
 * then no more of a word — "@Rami Haddad," mentions Rami Haddad, "@Ramiz" does not mention Rami.
 * Where names share a beginning ("Rami", "Rami Haddad"), the longest that matches is the one
 * meant. An `@` inside a word (an e-mail address) mentions nobody. Ids in order of first mention.
 */
export function mentionedIn(text: string, people: readonly Pick<MentionablePerson, "id" | "name">[]): string[] {
  const names = people
    .map((p) => ({ id: p.id, name: p.name.trim().toLocaleLowerCase() }))
    .filter((p) => p.name.length > 0)
    .sort((a, b) => b.name.length - a.name.length);
  const longest = names[0]?.name.length ?? 0;
  const found: string[] = [];
  for (let at = text.indexOf("@"); at >= 0 && found.length < MENTIONS_MAX; at = text.indexOf("@", at + 1)) {
    if (at > 0 && WORD_CHARACTER.test(text[at - 1])) continue;
    const rest = text.slice(at + 1, at + 2 + longest).toLocaleLowerCase();
    const person = names.find((p) => rest.startsWith(p.name) && !WORD_CHARACTER.test(rest.charAt(p.name.length)));
    if (person && !found.includes(person.id)) found.push(person.id);
  }
  return found;
}

/** A piece of a comment as the thread shows it: text, a link, or a mention of someone. */
export type CommentSegment = { text: string } | { link: string } | { mention: string };

const LINK = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'’”]/giu;

/**
 * A comment's text cut into what the thread draws: plain text, http(s) links (trailing punctuation
 * left out), and the mentions it recorded (`@` + the name of someone in `mentioned`). Nothing else
 * is read as markup: the text is shown as written.
 */
export function commentSegments(text: string, mentioned: readonly string[]): CommentSegment[] {
  const names = [...new Set(mentioned.map((n) => `@${n}`))].sort((a, b) => b.length - a.length);
  const longest = names[0]?.length ?? 0;
  const segments: CommentSegment[] = [];
  const pushText = (piece: string) => {
    if (!piece) return;
    const last = segments[segments.length - 1];
    if (last && "text" in last) last.text += piece;
    else segments.push({ text: piece });
  };
  const withMentions = (piece: string) => {
    if (!longest) return pushText(piece);
    let from = 0;
    for (let at = piece.indexOf("@"); at >= 0; at = piece.indexOf("@", at + 1)) {
      if (at < from) continue;
      const rest = piece.slice(at, at + longest + 1).toLocaleLowerCase();
      const name = names.find((n) => rest.startsWith(n.toLocaleLowerCase()) && !WORD_CHARACTER.test(rest.charAt(n.length)));
      if (!name) continue;
      pushText(piece.slice(from, at));
      segments.push({ mention: piece.slice(at, at + name.length) });
      from = at + name.length;
    }
    pushText(piece.slice(from));
  };
  let from = 0;
  for (const match of text.matchAll(LINK)) {
    withMentions(text.slice(from, match.index));
    segments.push({ link: match[0] });
    from = match.index + match[0].length;
  }
  withMentions(text.slice(from));
  return segments;
}

/**
 * The people a picker offers for what was typed after `@`: names holding it (letter case aside),
 * those whose name or a word of it begins with it first, then by name. Nothing typed: everyone.
 */
export function matchPeople<P extends Pick<MentionablePerson, "name">>(people: readonly P[], typed: string, max = 8): P[] {
  const q = typed.trim().toLocaleLowerCase();
  const rank = (name: string) => {
    const n = name.toLocaleLowerCase();
    if (n.startsWith(q)) return 0;
    if (n.split(/\s+/).some((word) => word.startsWith(q))) return 1;
    return n.includes(q) ? 2 : -1;
  };
  return people
    .map((person) => ({ person, rank: rank(person.name) }))
    .filter((p) => p.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.person.name.localeCompare(b.person.name))
    .slice(0, max)
    .map((p) => p.person);
}
