"use client";

import { type ReactNode, useEffect, useRef, useState } from "react";

/**
 * A `<details>` whose contents are made only once it is first opened, then kept (a form's words
 * and answer survive closing it). A long page of closed forms (a claim's edit form, a new incident)
 * then sends, lays out and hydrates none of them until somebody asks: on a phone that was a third
 * of a claim page's HTML. Opened before the page's script ran, it is filled as the script starts.
 */
export function Disclosure({
  summary,
  className,
  summaryClassName,
  testId,
  children,
}: {
  summary: ReactNode;
  className?: string;
  summaryClassName?: string;
  testId?: string;
  children: ReactNode;
}) {
  const details = useRef<HTMLDetailsElement>(null);
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    if (details.current?.open) setOpened(true);
  }, []);
  return (
    <details
      ref={details}
      className={className}
      data-testid={testId}
      onToggle={(event) => {
        if (event.currentTarget.open) setOpened(true);
      }}
    >
      <summary className={summaryClassName}>{summary}</summary>
      {opened ? children : null}
    </details>
  );
}
