"use client";

import { type ReactNode, useId, useRef } from "react";
import { useFoldedPanel } from "@/components/ui/folded-panel";

/**
 * The header's links, inline on a wide screen; on a phone, folded behind a menu button that says
 * whether it is open (`aria-expanded`), with the keyboard and touch behaviour of every folded
 * panel (useFoldedPanel). The links are drawn once (the server's children), so a wide screen and a
 * phone read the same controls.
 */
export function MenuPanel({ label, openLabel, closeLabel, alert, children }: {
  /** The menu's own name: the workspace's navigation. */
  label: string;
  openLabel: string;
  closeLabel: string;
  /** Said on the closed button, and shown as a dot: unread notifications, which the inbox link inside tells in full. */
  alert?: string;
  children: ReactNode;
}) {
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const { open, toggle } = useFoldedPanel(button, panel);

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
        className="relative ms-auto inline-flex min-h-11 min-w-11 items-center justify-center gap-2 rounded-md border border-stone-300 bg-white px-3 text-sm font-medium text-stone-800 md:hidden"
        data-testid="menu-button"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round">
          {open ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3 5h14M3 10h14M3 15h14" />}
        </svg>
        <span>{open ? closeLabel : openLabel}</span>
        {alert && !open ? (
          <>
            <span aria-hidden="true" className="absolute -top-1 -end-1 size-2.5 rounded-full bg-teal-700 ring-2 ring-white" data-testid="menu-alert" />
            <span className="sr-only">, {alert}</span>
          </>
        ) : null}
      </button>
      <div
        ref={panel}
        id={panelId}
        aria-label={label}
        role="group"
        data-open={open ? "true" : undefined}
        className="hidden basis-full flex-col gap-1 border-t border-stone-200 pt-2 data-[open]:flex md:flex md:flex-1 md:basis-auto md:flex-row md:flex-wrap md:items-center md:gap-x-5 md:gap-y-2 md:border-0 md:pt-0"
        data-testid="menu-panel"
      >
        {children}
      </div>
    </>
  );
}
