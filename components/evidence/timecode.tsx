"use client";

import { useFormatter } from "next-intl";
import { useCallback } from "react";
import { Bidi } from "@/components/ui/bidi";
import { timecodeParts } from "@/lib/evidence/moment";

/**
 * A moment as a timecode (0:41.200, 1:02:05.250) in the reader's digits. A timecode reads left to
 * right in Arabic text too, so `<Timecode>` isolates it.
 */
export function useTimecode(): (ms: number) => string {
  const format = useFormatter();
  return useCallback(
    (ms: number) => {
      const { hours, minutes, seconds, millis } = timecodeParts(ms);
      const n = (value: number, digits: number) => format.number(value, { minimumIntegerDigits: digits, useGrouping: false });
      const clock = hours > 0 ? `${n(hours, 1)}:${n(minutes, 2)}:${n(seconds, 2)}` : `${n(minutes, 1)}:${n(seconds, 2)}`;
      return `${clock}.${n(millis, 3)}`;
    },
    [format],
  );
}

export function Timecode({ ms, className }: { ms: number; className?: string }) {
  const timecode = useTimecode();
  return <Bidi className={`tabular-nums ${className ?? ""}`}>{timecode(ms)}</Bidi>;
}
