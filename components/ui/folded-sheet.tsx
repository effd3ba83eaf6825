"use client";

import { type ReactNode, useId, useRef } from "react";
import { type Fold, useFoldedPanel } from "./folded-panel";

// The classes of each fold, written out whole for Tailwind to find.
const FOLDED: Record<Fold, { button: string; panel: string; backdrop: string }> = {
  md: {
    button: "md:hidden",
    panel:
      "max-md:hidden max-md:data-[open]:m-0 max-md:data-[open]:fixed max-md:data-[open]:inset-x-0 max-md:data-[open]:bottom-0 max-md:data-[open]:z-40 max-md:data-[open]:block max-md:data-[open]:max-h-[85dvh] max-md:data-[open]:overflow-y-auto max-md:data-[open]:rounded-t-xl max-md:data-[open]:bg-stone-50 max-md:data-[open]:p-4 max-md:data-[open]:pb-[calc(1rem+env(safe-area-inset-bottom))] max-md:data-[open]:shadow-2xl",
    backdrop: "md:hidden",
  },
  lg: {
    button: "lg:hidden",
    panel:
      "max-lg:hidden max-lg:data-[open]:m-0 max-lg:data-[open]:fixed max-lg:data-[open]:inset-x-0 max-lg:data-[open]:bottom-0 max-lg:data-[open]:z-40 max-lg:data-[open]:block max-lg:data-[open]:max-h-[85dvh] max-lg:data-[open]:overflow-y-auto max-lg:data-[open]:rounded-t-xl max-lg:data-[open]:bg-stone-50 max-lg:data-[open]:p-4 max-lg:data-[open]:pb-[calc(1rem+env(safe-area-inset-bottom))] max-lg:data-[open]:shadow-2xl",
    backdrop: "lg:hidden",
  },
};

/**
 * What a wide screen shows in place (the queue's filters, a claim's actions) and a phone keeps in
 * a sheet that rises from the bottom when its button is pressed, over a dimmed page; closed by
 * its own button, Escape, or a tap outside (useFoldedPanel). With `barClassName` the button sits
 * in a bar of its own (a claim's: fixed at the bottom of the screen, under the thumb).
 */
export function FoldedSheet({ fold = "md", title, openLabel, closeLabel, buttonClassName, buttonTestId, panelClassName = "", panelTestId, label, children, barClassName }: {
  fold?: Fold;
  /** The sheet's heading on a phone. */
  title: string;
  /** The button's words: "Filters (2)", "Actions". */
  openLabel: ReactNode;
  closeLabel: string;
  buttonClassName: string;
  buttonTestId?: string;
  panelClassName?: string;
  panelTestId?: string;
  /** The panel's name for a screen reader, on every screen (none: what it holds names itself, as a claim's actions do). */
  label?: string;
  children: ReactNode;
  /** The classes of a bar that holds the button (shown only where the panel folds). */
  barClassName?: string;
}) {
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const { open, setOpen, toggle } = useFoldedPanel(button, panel, fold);
  const classes = FOLDED[fold];
  const theButton = (
    <button ref={button} type="button" aria-expanded={open} aria-controls={id} onClick={toggle} className={`${buttonClassName} ${classes.button}`} data-testid={buttonTestId}>
      {openLabel}
    </button>
  );
  return (
    <>
      {barClassName ? <div className={`${barClassName} ${classes.button}`}>{theButton}</div> : theButton}
      {open ? <div aria-hidden="true" className={`fixed inset-0 z-30 bg-stone-900/30 ${classes.backdrop}`} /> : null}
      <div ref={panel} id={id} role={label ? "region" : undefined} aria-label={label} data-open={open ? "true" : undefined} className={`${panelClassName} ${classes.panel}`} data-testid={panelTestId}>
        {open ? (
          <div className={`mb-3 flex items-center justify-between gap-3 ${classes.button}`}>
            <h2 className="text-base">{title}</h2>
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                button.current?.focus();
              }}
              className="min-h-11 rounded-md px-3 text-sm font-medium text-teal-800 underline underline-offset-2">
              {closeLabel}
            </button>
          </div>
        ) : null}
        {children}
      </div>
    </>
  );
}
