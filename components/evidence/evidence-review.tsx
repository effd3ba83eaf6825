"use client";

import { useMemo, useRef, useState } from "react";
import type { FormActionFn } from "@/lib/errors/action-state";
import { FrameGrabForm } from "./frame-grab-form";
import { type NoteWithForms, NotesPanel } from "./notes-panel";
import { type PlayerMoment, PlayerMomentContext } from "./review-context";
import { VideoPlayer, type VideoPlayerProps } from "./video-player";

/**
 * The evidence page's review: the player, with the time-coded notes beside it (for those who may
 * read them) and "Save this frame" under it (for those who may grab one). The panels follow the
 * player's moment and move it through one context.
 */
export function EvidenceReview({ player, notes, addNote, grabFrame }: {
  player: Omit<VideoPlayerProps, "onMoment" | "seekRef">;
  /** Null for people who may not read notes: no panel at all. */
  notes: NoteWithForms[] | null;
  addNote: FormActionFn | null;
  grabFrame: FormActionFn | null;
}) {
  const [currentMs, setCurrentMs] = useState(0);
  const seekRef = useRef<((ms: number) => void) | null>(null);
  const isReady = player.copies.length > 0;
  const moment = useMemo<PlayerMoment>(() => ({ currentMs, seek: (ms) => seekRef.current?.(ms), isReady }), [currentMs, isReady]);
  return (
    <PlayerMomentContext.Provider value={moment}>
      <div className={`grid gap-4 ${notes ? "xl:grid-cols-[minmax(0,1fr)_22rem]" : ""}`} data-testid="evidence-review">
        <div className="min-w-0 space-y-3">
          <VideoPlayer {...player} onMoment={setCurrentMs} seekRef={seekRef} />
          {grabFrame && player.medium === "video" && isReady ? <FrameGrabForm submit={grabFrame} /> : null}
        </div>
        {notes ? <div className="min-w-0 self-start"><NotesPanel notes={notes} add={addNote} /></div> : null}
      </div>
    </PlayerMomentContext.Provider>
  );
}
