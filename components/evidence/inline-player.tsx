"use client";

import { useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";
import type { WorkingCopyDto } from "@/lib/evidence/working-copies";
import { workingCopyState } from "@/lib/evidence/playable";
import { type Keyframe, VideoPlayer } from "./video-player";

/**
 * One player at a time on a claim's list: opening one closes the other (a module-level choice
 * every inline player reads), so two videos never load at once on a slow connection.
 */
let openId: string | null = null;
const listeners = new Set<() => void>();
function choose(id: string | null) {
  openId = id;
  for (const listener of listeners) listener();
}
function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** What the item's own door (GET /api/v1/evidence/{id}) says that the player needs. */
type ItemForPlayer = {
  workingCopies: WorkingCopyDto[];
  derivatives: { id: string; kind: string; atMs: number | null; url: string }[];
  processing: Record<string, string>;
};

/**
 * "Play here" on a video or audio item of a claim: nothing of it loads until asked; then the item
 * is read through its API door (the same checks as its page) and played inline, the moment kept
 * in the player, not in the claim page's address.
 */
export function InlinePlayer({ evidenceId, sha256, medium, isGraphic, revealByDefault, lowBandwidth, canDownload }: {
  evidenceId: string;
  sha256: string;
  medium: "video" | "audio";
  isGraphic: boolean;
  revealByDefault: boolean;
  lowBandwidth: boolean;
  canDownload: boolean;
}) {
  const t = useTranslations("evidence.list");
  const isOpen = useSyncExternalStore(subscribe, () => openId === evidenceId, () => false);
  const [item, setItem] = useState<ItemForPlayer | null>(null);
  const [failed, setFailed] = useState(false);

  async function open() {
    choose(evidenceId);
    if (item) return;
    setFailed(false);
    try {
      const response = await fetch(`/api/v1/evidence/${evidenceId}`, { headers: { Accept: "application/json" }, cache: "no-store" });
      if (!response.ok) throw new Error(String(response.status));
      setItem((await response.json()) as ItemForPlayer);
    } catch {
      setFailed(true);
    }
  }

  if (!isOpen) {
    return (
      <button type="button" onClick={open} className="rounded-md border border-teal-700 px-2.5 py-1 text-xs font-medium text-teal-900 hover:bg-teal-50" data-testid="inline-play">
        {t("play")}
      </button>
    );
  }
  const keyframes: Keyframe[] = (item?.derivatives ?? []).filter((d) => d.kind === "keyframe").map((d) => ({ id: d.id, url: d.url, atMs: d.atMs }));
  const poster = item?.derivatives.find((d) => d.kind === "thumbnail")?.url ?? null;
  return (
    <div className="basis-full space-y-2 rounded-lg border border-stone-200 p-3" data-testid="inline-player">
      <button type="button" onClick={() => choose(null)} className="text-xs text-teal-800 underline">
        {t("closePlayer")}
      </button>
      {failed ? (
        <p role="alert" className="text-sm text-rose-800">{t("playerFailed")}</p>
      ) : !item ? (
        <p role="status" className="text-sm text-stone-600">{t("loadingPlayer")}</p>
      ) : (
        <VideoPlayer
          evidenceId={evidenceId}
          sha256={sha256}
          medium={medium}
          copies={item.workingCopies}
          keyframes={keyframes}
          posterUrl={poster}
          isGraphic={isGraphic}
          revealByDefault={revealByDefault}
          lowBandwidth={lowBandwidth}
          copyState={workingCopyState(item.processing)}
          downloadUrl={canDownload ? `/api/v1/evidence/${evidenceId}/content` : null}
          followAddress={false}
        />
      )}
    </div>
  );
}
