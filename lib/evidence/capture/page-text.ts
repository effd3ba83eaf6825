import { Tokenizer, type TokenizerCallbacks } from "htmlparser2";

/** Elements whose content is not readable text. */
const SKIPPED = new Set(["script", "style", "noscript", "template"]);
/** Elements that start a new line of text. */
const LINE_STARTING = new Set(["br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"]);
const LONGEST_NAME = Math.max(...[...SKIPPED, ...LINE_STARTING, "title"].map((name) => name.length));
/** Characters tokenized between two turns of the event loop. */
const CHUNK_CHARS = 64 * 1024;
const TITLE_CHARS = 500;

/** What `\s` matches, tested without a regular expression for the ASCII ones (this runs per character). */
function isWhiteSpace(code: number) {
  return code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(String.fromCharCode(code)));
}

/**
 * Text folded as it arrives, up to `cap` characters: a run of white space becomes one space, or
 * one newline when it holds a line break (and `keepsLines`); none at either end.
 */
class FoldedText {
  private readonly parts: string[] = [];
  private length = 0;
  private pending: "" | " " | "\n" = "";

  constructor(
    private readonly cap: number,
    private readonly keepsLines: boolean,
  ) {}

  get isFull() {
    return this.length >= this.cap;
  }

  addBreak(kind: " " | "\n") {
    if (kind === "\n" && this.keepsLines) this.pending = "\n";
    else if (!this.pending) this.pending = " ";
  }

  add(text: string) {
    let at = 0;
    while (at < text.length && !this.isFull) {
      const start = at;
      if (isWhiteSpace(text.charCodeAt(at))) {
        let hasLineBreak = false;
        for (; at < text.length && isWhiteSpace(text.charCodeAt(at)); at++) hasLineBreak ||= text.charCodeAt(at) === 10;
        this.addBreak(hasLineBreak ? "\n" : " ");
      } else {
        while (at < text.length && !isWhiteSpace(text.charCodeAt(at))) at++;
        this.addWord(text.slice(start, at));
      }
    }
  }

  private addWord(word: string) {
    if (this.length > 0 && this.pending) {
      this.parts.push(this.pending);
      this.length += 1;
    }
    this.pending = "";
    const kept = word.slice(0, this.cap - this.length);
    this.parts.push(kept);
    this.length += kept.length;
  }

  toString() {
    // Words hold no white space: what trimming takes is a separator the cap left without a word.
    return this.parts.join("").trimEnd();
  }
}

/**
 * Title and readable text of a captured HTML page, for search and for reviewers; never rendered as
 * HTML. Captured pages are hostile input of up to 20 MB, so this is one pass of htmlparser2's
 * tokenizer (a state machine: linear in the page, unlike the regular expressions it replaced,
 * which took 11 s on 100 KB of `<`), fed 64 KB at a time with a turn of the event loop between
 * chunks, and it stops once the text is full. Not htmlparser2's Parser: its stack of open
 * elements is quadratic (100,000 nested `<div>` closed by as many stray end tags: 43 s), and
 * nothing here needs the tree.
 */
export async function extractPageText(html: string, maxChars = 20_000): Promise<{ title: string | null; text: string }> {
  const text = new FoldedText(maxChars, true);
  const title = new FoldedText(TITLE_CHARS, false);
  // Set in the tokenizer's callbacks: typed by a cast, or TypeScript holds it at "before" below.
  let titleState = "before" as "before" | "inside" | "done";
  let skippedDepth = 0;

  const nameAt = (start: number, end: number) => (end - start > LONGEST_NAME ? "" : html.slice(start, end).toLowerCase());
  const addText = (start: number, end: number) => {
    // A trailing run can span the rest of the page: read it a chunk at a time, and no further than needed.
    for (let from = start; from < end; from += CHUNK_CHARS) {
      const isTextWanted = skippedDepth === 0 && !text.isFull;
      const isTitleWanted = titleState === "inside" && !title.isFull;
      if (!isTextWanted && !isTitleWanted) return;
      const piece = html.slice(from, Math.min(end, from + CHUNK_CHARS));
      if (isTextWanted) text.add(piece);
      if (isTitleWanted) title.add(piece);
    }
  };
  const addCharacter = (character: string) => {
    if (skippedDepth === 0) text.add(character);
    if (titleState === "inside") title.add(character);
  };
  const ignore = () => {};

  const callbacks: TokenizerCallbacks = {
    ontext: addText,
    ontextentity: (codePoint) => addCharacter(String.fromCodePoint(codePoint)),
    onopentagname(start, end) {
      const name = nameAt(start, end);
      if (SKIPPED.has(name)) skippedDepth += 1;
      else if (name === "title" && titleState === "before") titleState = "inside";
      text.addBreak(LINE_STARTING.has(name) ? "\n" : " ");
    },
    onclosetag(start, end) {
      const name = nameAt(start, end);
      if (SKIPPED.has(name) && skippedDepth > 0) skippedDepth -= 1;
      else if (name === "title" && titleState === "inside") titleState = "done";
      text.addBreak(" ");
    },
    oncomment: () => text.addBreak(" "),
    onattribdata: ignore,
    onattribentity: ignore,
    onattribend: ignore,
    onattribname: ignore,
    oncdata: ignore,
    ondeclaration: ignore,
    onend: ignore,
    onopentagend: ignore,
    onprocessinginstruction: ignore,
    onselfclosingtag: ignore,
  };
  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);

  let isComplete = true;
  for (let from = 0; from < html.length; from += CHUNK_CHARS) {
    // A title that has not begun by the time the text is full is not looked for.
    if (text.isFull && (titleState !== "inside" || title.isFull)) {
      isComplete = false;
      break;
    }
    if (from > 0) await new Promise((resolve) => setImmediate(resolve));
    tokenizer.write(html.slice(from, from + CHUNK_CHARS));
  }
  if (isComplete) tokenizer.end();
  return { title: titleState === "before" ? null : title.toString() || null, text: text.toString() };
}
