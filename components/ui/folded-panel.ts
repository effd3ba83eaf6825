"use client";

import { usePathname } from "next/navigation";
import { type RefObject, useEffect, useState } from "react";

/** Below which of Tailwind's widths a panel folds behind its button. */
export type Fold = "md" | "lg";
const FOLDS_BELOW: Record<Fold, string> = { md: "(max-width: 47.99rem)", lg: "(max-width: 63.99rem)" };

const FOCUSABLE = "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary";

/**
 * A panel that a phone shows only when its button opens it (the header's menu, the queue's
 * filters, a claim's actions). Open: the focus goes into it, Tab and Shift+Tab stay between the
 * button and the panel, Escape closes it and gives the focus back to the button, and so do a tap
 * outside, going to another page, and a screen widened past the fold (where the panel is always shown).
 */
export function useFoldedPanel(button: RefObject<HTMLElement | null>, panel: RefObject<HTMLElement | null>, fold: Fold = "md") {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    const folded = window.matchMedia(FOLDS_BELOW[fold]);
    const close = (giveFocusBack: boolean) => {
      setOpen(false);
      if (giveFocusBack) button.current?.focus();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        event.preventDefault();
        close(true);
        return;
      }
      if (event.key !== "Tab") return;
      const inside = [button.current, ...Array.from(panel.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].filter(
        (el): el is HTMLElement => el !== null && el.getClientRects().length > 0,
      );
      if (inside.length === 0) return;
      const at = inside.indexOf(document.activeElement as HTMLElement);
      const next = event.shiftKey ? (at <= 0 ? inside.length - 1 : at - 1) : at === -1 || at === inside.length - 1 ? 0 : at + 1;
      event.preventDefault();
      inside[next].focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) close(false);
    };
    const onWiden = () => {
      if (!folded.matches) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    folded.addEventListener("change", onWiden);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
      folded.removeEventListener("change", onWiden);
    };
  }, [open, button, panel, fold]);

  return { open, setOpen, toggle: () => setOpen((o) => !o) };
}
