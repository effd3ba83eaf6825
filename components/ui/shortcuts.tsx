"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";

/** One key of a page: the key as `KeyboardEvent.key` names it, what it does in words, and the act. */
export type Shortcut = { key: string; label: string; run: () => void };

/** True where a key press is typing: a text field, a list box, an editable region. No shortcut fires there. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !["checkbox", "radio", "button", "submit", "reset", "file", "range", "color"].includes(target.type);
  return false;
}

/**
 * What a page-level key reaches when the page marks it in its markup (`data-shortcut="a"`): a
 * field is focused, anything else clicked. The first visible one wins; none, nothing happens.
 */
export function runMarkedShortcut(key: string): boolean {
  const marked = [...document.querySelectorAll<HTMLElement>(`[data-shortcut="${CSS.escape(key)}"]`)].find((el) => el.offsetParent !== null || el.getClientRects().length > 0);
  if (!marked) return false;
  if (marked instanceof HTMLInputElement || marked instanceof HTMLTextAreaElement || marked instanceof HTMLSelectElement) {
    marked.focus();
  } else if (marked instanceof HTMLDetailsElement) {
    marked.open = true;
    marked.querySelector<HTMLElement>("input, textarea, select, button:not([type=hidden])")?.focus();
  } else {
    marked.click();
  }
  marked.scrollIntoView({ block: "nearest" });
  return true;
}

/**
 * A page's keyboard: binds each shortcut's key on the document (never while typing, never with
 * Ctrl, Alt or Meta held) and `?`, which opens a list of them. Render it once per page.
 */
export function KeyboardShortcuts({ shortcuts }: { shortcuts: readonly Shortcut[] }) {
  const t = useTranslations("ui.shortcuts");
  const dialog = useRef<HTMLDialogElement>(null);
  const current = useRef(shortcuts);
  current.current = shortcuts;

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (dialog.current?.open) return;
      if (event.key === "?") {
        event.preventDefault();
        dialog.current?.showModal();
        return;
      }
      const shortcut = current.current.find((s) => s.key === event.key);
      if (!shortcut) return;
      event.preventDefault();
      shortcut.run();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <dialog ref={dialog} aria-labelledby="shortcuts-title" className="m-auto w-full max-w-sm rounded-lg border border-stone-300 p-0 shadow-xl backdrop:bg-stone-900/40">
      <div className="p-5">
        <h2 id="shortcuts-title" className="text-base font-semibold text-stone-900">
          {t("title")}
        </h2>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          {[...shortcuts, { key: "?", label: t("help") }].map((s) => (
            <div key={s.key} className="contents">
              <dt>
                <kbd className="rounded border border-stone-300 bg-stone-50 px-1.5 py-0.5 font-mono text-xs text-stone-800">{s.key}</kbd>
              </dt>
              <dd className="text-stone-700">{s.label}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-xs text-stone-500">{t("notInFields")}</p>
        <form method="dialog" className="mt-4 text-end">
          <button className="rounded-md border border-stone-300 px-3 py-1.5 text-sm text-stone-800 hover:bg-stone-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-stone-500">{t("close")}</button>
        </form>
      </div>
    </dialog>
  );
}
