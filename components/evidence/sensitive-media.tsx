"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

/**
 * Graphic material is blurred (and, were it playing, muted) until the person chooses to see it;
 * their own setting can turn that default off.
 */
export function SensitiveImage({ src, alt, isGraphic, revealByDefault, className = "", width, height }: {
  src: string;
  alt: string;
  isGraphic: boolean;
  revealByDefault: boolean;
  className?: string;
  /** The size it is shown at, so the page does not jump as it loads on a slow connection. */
  width?: number;
  height?: number;
}) {
  const t = useTranslations("evidence.media");
  const [revealed, setRevealed] = useState(!isGraphic || revealByDefault);
  return (
    <div className={`relative overflow-hidden rounded-md bg-stone-200 ${className}`}>
      {/* eslint-disable-next-line @next/next/no-img-element -- private, authorised bytes: no image optimiser */}
      <img src={src} alt={alt} loading="lazy" decoding="async" width={width} height={height} className={`h-full w-full object-cover ${revealed ? "" : "scale-110 blur-xl"}`} data-testid={revealed ? "media-revealed" : "media-blurred"} />
      {!revealed ? (
        <button
          type="button"
          onClick={() => setRevealed(true)}
          className="absolute inset-0 flex flex-col items-center justify-center gap-1 bg-stone-900/40 text-xs font-medium text-white"
        >
          <span>{t("graphic")}</span>
          <span className="underline">{t("show")}</span>
        </button>
      ) : null}
    </div>
  );
}
