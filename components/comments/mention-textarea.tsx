"use client";

import { useTranslations } from "next-intl";
import { type KeyboardEvent, type TextareaHTMLAttributes, useId, useRef, useState } from "react";
import { inputClass } from "@/components/ui/form";
import { matchPeople, type MentionablePerson } from "@/lib/comments/mention-text";

const WORD_BEFORE = /[\p{L}\p{N}\p{M}_]/u;

/** What is being typed after an `@` at the caret, and where the `@` is; null when no mention is being typed. */
function typedMention(el: HTMLTextAreaElement): { at: number; text: string } | null {
  if (el.selectionStart !== el.selectionEnd) return null;
  const before = el.value.slice(0, el.selectionStart);
  const at = before.lastIndexOf("@");
  if (at < 0 || (at > 0 && WORD_BEFORE.test(before[at - 1]))) return null;
  const text = before.slice(at + 1);
  return text.length > 40 || /[\n\r@]/.test(text) ? null : { at, text };
}

/**
 * A comment's text field with an @ picker: typing `@` (or the button) lists the people who may be
 * mentioned on the claim, narrowed as one types; ↑ ↓ move, Enter or Tab chooses, Escape closes.
 * Choosing writes `@` and the name, which is how the server records the mention. Only the people
 * the page offers are listed: nobody who cannot see the claim.
 */
export function MentionTextarea({
  people,
  shortcut,
  ...textarea
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { people: readonly MentionablePerson[]; shortcut?: string; id: string }) {
  const t = useTranslations("comments.form");
  const roles = useTranslations("roles");
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [typing, setTyping] = useState<{ at: number; text: string } | null>(null);
  const [active, setActive] = useState(0);
  // Escape (or a choice) closes the list for this `@`; typing another opens it again.
  const dismissed = useRef<number | null>(null);
  const matches = typing ? matchPeople(people, typing.text) : [];
  const open = typing !== null;

  const read = () => {
    const el = ref.current;
    const typed = el ? typedMention(el) : null;
    const now = typed && typed.at !== dismissed.current ? typed : null;
    setTyping((before) => (before?.at === now?.at && before?.text === now?.text ? before : now));
    if (now?.text !== typing?.text) setActive(0);
  };

  const choose = (person: MentionablePerson) => {
    const el = ref.current;
    if (!el || !typing) return;
    el.setRangeText(`@${person.name} `, typing.at, el.selectionStart, "end");
    // The name chosen is not a search: the list stays closed for this `@`.
    dismissed.current = typing.at;
    el.focus();
    setTyping(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (event.key === "Escape") {
      event.preventDefault();
      dismissed.current = typing?.at ?? null;
      setTyping(null);
    } else if (matches.length && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      setActive((i) => (i + (event.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
    } else if (matches.length && (event.key === "Enter" || event.key === "Tab") && !event.shiftKey) {
      event.preventDefault();
      choose(matches[Math.min(active, matches.length - 1)]);
    }
  };

  /** The button: an `@` at the caret (after a space when it follows a word), and the list opens. */
  const startMention = () => {
    const el = ref.current;
    if (!el) return;
    const before = el.value.slice(0, el.selectionStart);
    el.setRangeText(before && !/\s$/.test(before) ? " @" : "@", el.selectionStart, el.selectionEnd, "end");
    el.focus();
    read();
  };

  return (
    <div>
      <div className="relative">
      <textarea
        {...textarea}
        ref={ref}
        className={inputClass}
        dir="auto"
        data-shortcut={shortcut}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open && matches.length ? `${listId}-${Math.min(active, matches.length - 1)}` : undefined}
        onKeyDown={onKeyDown}
        onKeyUp={read}
        onInput={read}
        onClick={read}
        onBlur={() => setTyping(null)}
      />
      {open ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={t("people")}
          className="absolute start-0 top-full z-20 mt-1 max-h-64 w-80 max-w-full overflow-auto rounded-md border border-stone-200 bg-white py-1 text-sm shadow-lg"
          data-testid="mention-list"
        >
          {matches.length ? (
            matches.map((person, i) => (
              <li
                key={person.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === Math.min(active, matches.length - 1)}
                className="flex cursor-pointer items-baseline justify-between gap-3 px-3 py-1.5 text-stone-800 aria-selected:bg-teal-50 aria-selected:text-teal-950"
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(person);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <bdi className="font-medium">{person.name}</bdi>
                <span className="text-xs text-stone-500">{roles.has(person.role as never) ? roles(person.role as never) : person.role}</span>
              </li>
            ))
          ) : (
            <li className="px-3 py-2 text-stone-500" role="presentation">
              {t("noMatch")}
            </li>
          )}
        </ul>
      ) : null}
      </div>
      {people.length ? (
        <button
          type="button"
          onMouseDown={(event) => event.preventDefault()}
          onClick={startMention}
          className="mt-1 rounded px-1 text-xs font-medium text-teal-800 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-teal-700"
        >
          @ {t("mention")}
        </button>
      ) : null}
    </div>
  );
}
