"use client";

import { useFormatter } from "next-intl";
import { useCallback } from "react";
import { Bidi } from "@/components/ui/bidi";
import { timecodeText } from "@/lib/evidence/moment";

/**
 * A moment as a timecode (0:41.200, 1:02:05.250) in the reader's digits. A timecode reads left to
 * right in Arabic text too, so `<Timecode>` isolates it.
 */
export function useTimecode(): (ms: number) => string {
  const format = useFormatter();
  return useCallback(
    (ms: number) => timecodeText(ms, (value, digits) => format.number(value, { minimumIntegerDigits: digits, useGrouping: false })),
    [format],
  );
}

export function Timecode({ ms, className }: { ms: number; className?: string }) {
  const timecode = useTimecode();
  return <Bidi className={`tabular-nums ${className ?? ""}`}>{timecode(ms)}</Bidi>;
}
