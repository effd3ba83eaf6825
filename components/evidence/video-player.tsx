"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { isTyping } from "@/components/ui/shortcuts";
import { Bidi } from "@/components/ui/bidi";
import { frameSeconds, hashOfMoment, momentFromHash } from "@/lib/evidence/moment";
import type { WorkingCopyDto } from "@/lib/evidence/working-copies";
import { useByteSize } from "./byte-size";
import { Timecode } from "./timecode";

/** A working copy as `getEvidence` gives it: our own re-encoding, played in place of the untouched original. */
export type WorkingCopy = WorkingCopyDto;

export type Keyframe = { id: string; url: string; atMs: number | null };

/** Why there is nothing to play yet: the copy is being made, could not be, or cannot be here (no ffmpeg). */
export type CopyState = "pending" | "failed" | "skipped";

export type VideoPlayerProps = {
  evidenceId: string;
  /** The preserved original's hash: it stays in sight whatever plays. */
  sha256: string;
  medium: "video" | "audio";
  copies: WorkingCopy[];
  keyframes: Keyframe[];
  posterUrl: string | null;
  isGraphic: boolean;
  revealByDefault: boolean;
  /** The person's "low bandwidth" setting: the small copy first, and nothing loads before play. */
  lowBandwidth: boolean;
  copyState: CopyState | null;
  /** The original's download, for those who may read it. */
  downloadUrl: string | null;
  /** Tells the panels beside the player where it stands (./review-context.tsx). */
  onMoment?: (ms: number) => void;
  /** Lets the panels beside the player move it. */
  seekRef?: React.RefObject<((ms: number) => void) | null>;
  /** Whether the address follows the moment (`#t=`): the evidence page's player does, a claim's inline one does not. */
  followAddress?: boolean;
};

const SPEEDS = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2] as const;

/** A connection the browser itself reports slow, or the person's data saver: both mean the small copy. */
function connectionIsSlow(): boolean {
  const connection = (navigator as Navigator & { connection?: { effectiveType?: string; saveData?: boolean } }).connection;
  return !!connection && (!!connection.saveData || ["slow-2g", "2g", "3g"].includes(connection.effectiveType ?? ""));
}

/**
 * The player of a video or audio item. It plays a working copy (web-playable, or the small one on a
 * slow connection or when the person asked for it), never the original; steps frame by frame (`,`
 * and `.`), changes speed, jumps to keyframes, and keeps the moment in the address (`#t=41.2`) so a
 * link says "look here". Graphic material stays blurred and muted until the person chooses to see
 * it. Nothing large loads before the person presses play on a slow connection.
 */
export function VideoPlayer(props: VideoPlayerProps) {
  const { evidenceId, sha256, medium, copies, keyframes, posterUrl, isGraphic, revealByDefault, lowBandwidth, copyState, downloadUrl, onMoment, seekRef, followAddress = true } = props;
  const t = useTranslations("evidence.player");
  const media = useTranslations("evidence.media");
  const byteSize = useByteSize();
  const ids = useId();
  const mediaRef = useRef<HTMLVideoElement>(null);
  const pendingSeek = useRef<number | null>(null);
  const [kind, setKind] = useState<WorkingCopy["kind"] | null>(null);
  const [isSlow, setIsSlow] = useState(lowBandwidth);
  const [revealed, setRevealed] = useState(!isGraphic || revealByDefault);
  const [currentMs, setCurrentMs] = useState(0);
  const [speed, setSpeed] = useState(1);
  const [copied, setCopied] = useState<{ link: string; isCopied: boolean } | null>(null);
  const copy = copies.find((c) => c.kind === kind) ?? null;
  // The standard copy first, then the small one.
  const choices = [...copies].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "web" ? -1 : 1));
  const durationMs = copy?.durationMs ?? null;

  // The copy is chosen in the browser, which alone knows the connection; until then nothing loads.
  // A copy once chosen (or switched to) stays while it exists: the page re-reads itself while other
  // copies are still being made, and that must not undo the person's choice.
  useEffect(() => {
    const slow = lowBandwidth || connectionIsSlow();
    setIsSlow(slow);
    setKind((current) => {
      if (current && copies.some((c) => c.kind === current)) return current;
      const preferred = slow ? "low" : "web";
      return copies.some((c) => c.kind === preferred) ? preferred : (copies[0]?.kind ?? null);
    });
  }, [copies, lowBandwidth]);

  // The panels' callback is read through a ref, so a parent that passes a new one does not re-seek.
  const onMomentRef = useRef(onMoment);
  useEffect(() => {
    onMomentRef.current = onMoment;
  }, [onMoment]);
  const moveTo = useCallback((ms: number) => {
    const element = mediaRef.current;
    setCurrentMs(ms);
    onMomentRef.current?.(ms);
    if (!element) return;
    // Before its metadata a media element cannot seek; the moment waits for `loadedmetadata`.
    if (element.readyState === 0) pendingSeek.current = ms;
    else element.currentTime = ms / 1000;
  }, []);

  const seek = useCallback((ms: number) => {
    mediaRef.current?.pause();
    moveTo(ms);
  }, [moveTo]);
  useEffect(() => {
    if (seekRef) seekRef.current = seek;
  }, [seek, seekRef]);

  // The moment in the address: read on load and whenever it changes (a pasted link, the back button).
  useEffect(() => {
    if (!followAddress) return;
    const fromAddress = () => {
      const ms = momentFromHash(window.location.hash);
      if (ms !== null) moveTo(ms);
    };
    fromAddress();
    window.addEventListener("hashchange", fromAddress);
    return () => window.removeEventListener("hashchange", fromAddress);
  }, [followAddress, moveTo]);

  const writeAddress = useCallback(() => {
    const element = mediaRef.current;
    if (!followAddress || !element) return;
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, "", `${pathname}${search}${hashOfMoment(element.currentTime * 1000)}`);
  }, [followAddress]);

  const stepFrame = useCallback((frames: number) => {
    const element = mediaRef.current;
    if (!element) return;
    element.pause();
    const target = Math.max(0, element.currentTime + frames * frameSeconds(copy?.frameRate));
    moveTo(Math.round(target * 1000));
  }, [copy?.frameRate, moveTo]);

  // `,` and `.` step a frame wherever the focus is, except while typing (a note, a search).
  useEffect(() => {
    if (medium !== "video" || !copy) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (event.key !== "," && event.key !== ".") return;
      event.preventDefault();
      stepFrame(event.key === "," ? -1 : 1);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [medium, copy, stepFrame]);

  // React sets `muted` as a property, not in the server's HTML: set here too, so a graphic item is muted from the first frame.
  useEffect(() => {
    if (mediaRef.current) mediaRef.current.muted = !revealed;
  }, [revealed, copy]);

  function switchCopy(next: WorkingCopy["kind"]) {
    const element = mediaRef.current;
    // The other copy starts where this one was.
    if (element) pendingSeek.current = Math.round(element.currentTime * 1000);
    setKind(next);
  }

  function reveal() {
    setRevealed(true);
    if (mediaRef.current) mediaRef.current.muted = false;
  }

  async function copyLink() {
    const ms = Math.round((mediaRef.current?.currentTime ?? currentMs / 1000) * 1000);
    const { origin, pathname } = window.location;
    const link = `${origin}${followAddress ? pathname : `/evidence/${evidenceId}`}${hashOfMoment(ms)}`;
    // A browser that refuses the clipboard still shows the link, to copy by hand.
    const isCopied = await navigator.clipboard?.writeText(link).then(() => true, () => false);
    setCopied({ link, isCopied: !!isCopied });
  }

  const frameStrip = medium === "video" && keyframes.some((k) => k.atMs !== null);
  const Media = medium === "video" ? "video" : "audio";

  if (copies.length === 0) {
    return (
      <div className="space-y-2 rounded-lg border border-stone-200 bg-stone-50 p-4 text-sm" data-testid="player-unavailable" data-state={copyState ?? "none"}>
        <p className="font-medium text-stone-900">{t.rich(`unavailable.${copyState ?? "none"}`, { tool: (chunks) => <Bidi>{chunks}</Bidi> })}</p>
        {downloadUrl ? (
          <p>
            <a href={downloadUrl}>{t("downloadOriginal")}</a>
          </p>
        ) : null}
        <OriginalFacts evidenceId={evidenceId} sha256={sha256} copy={null} />
      </div>
    );
  }

  return (
    <div className="space-y-3" data-testid="player" data-copy={copy?.kind ?? ""} data-revealed={revealed ? "true" : "false"}>
      <div className={`relative overflow-hidden rounded-lg ${medium === "video" ? "aspect-video bg-stone-900" : "border border-stone-200 bg-white"}`}>
        <Media
          ref={mediaRef}
          key={copy?.url ?? "none"}
          src={copy?.url}
          poster={medium === "video" && posterUrl ? posterUrl : undefined}
          controls={revealed}
          muted={!revealed}
          playsInline
          // On a slow connection not even the header loads before play; otherwise only it does.
          preload={isSlow ? "none" : "metadata"}
          aria-label={medium === "video" ? t("videoLabel") : t("audioLabel")}
          data-testid="player-media"
          className={`block w-full ${medium === "video" ? "h-full object-contain" : "p-3"} ${revealed ? "" : "scale-110 blur-2xl"}`}
          onLoadedMetadata={(event) => {
            const element = event.currentTarget;
            element.playbackRate = speed;
            if (pendingSeek.current !== null) {
              element.currentTime = pendingSeek.current / 1000;
              pendingSeek.current = null;
            }
          }}
          onTimeUpdate={(event) => {
            const ms = Math.round(event.currentTarget.currentTime * 1000);
            setCurrentMs(ms);
            onMomentRef.current?.(ms);
          }}
          onSeeked={writeAddress}
          onPause={writeAddress}
        />
        {!revealed ? (
          <button
            type="button"
            onClick={reveal}
            className="absolute inset-0 flex flex-col items-center justify-center gap-1 bg-stone-900/50 p-4 text-center text-sm font-medium text-white"
            data-testid="player-reveal"
          >
            <span>{media("graphic")}</span>
            <span className="text-xs font-normal text-stone-200">{t("blurredAndMuted")}</span>
            <span className="mt-1 rounded-md bg-white/15 px-3 py-1 underline">{media("show")}</span>
          </button>
        ) : null}
      </div>

      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <p className="text-stone-700" aria-live="off" data-testid="player-time">
          <Timecode ms={currentMs} />
          {durationMs !== null ? (
            <span className="text-stone-500">
              {" / "}
              <Timecode ms={durationMs} />
            </span>
          ) : null}
        </p>
        {medium === "video" ? (
          <div className="flex items-center gap-1" role="group" aria-label={t("frameGroup")}>
            <button type="button" className={toolButton} onClick={() => stepFrame(-1)} disabled={!copy} aria-keyshortcuts="," data-testid="frame-back">
              {t("previousFrame")}
            </button>
            <button type="button" className={toolButton} onClick={() => stepFrame(1)} disabled={!copy} aria-keyshortcuts="." data-testid="frame-forward">
              {t("nextFrame")}
            </button>
          </div>
        ) : null}
        <label className="flex items-center gap-2 text-stone-700">
          <span>{t("speed")}</span>
          <select
            value={speed}
            onChange={(event) => {
              const next = Number(event.target.value);
              setSpeed(next);
              if (mediaRef.current) mediaRef.current.playbackRate = next;
            }}
            className="rounded-md border border-stone-300 bg-white px-2 py-1 text-sm"
            data-testid="player-speed"
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>{t("speedValue", { speed: s })}</option>
            ))}
          </select>
        </label>
        <button type="button" className={toolButton} onClick={copyLink} data-testid="copy-moment-link">
          {t("copyLink")}
        </button>
      </div>
      {copied ? (
        <p role="status" className="break-all text-xs text-stone-600" data-testid="moment-link">
          {t.rich(copied.isCopied ? "linkCopied" : "linkToCopy", { link: () => <Bidi>{copied.link}</Bidi> })}
        </p>
      ) : null}

      {copies.length > 1 ? (
        <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm" data-testid="copy-switch">
          <legend className="sr-only">{t("copySwitch")}</legend>
          <span aria-hidden="true" className="text-stone-500">{t("copySwitch")}</span>
          {choices.map((c) => (
            <label key={c.kind} className="flex items-center gap-1.5">
              <input type="radio" name={`${ids}-copy`} value={c.kind} checked={kind === c.kind} onChange={() => switchCopy(c.kind)} className="accent-teal-800" />
              <span>{t(`copy.${c.kind}`, { size: c.size === null ? "" : byteSize(c.size), height: c.height ?? 0 })}</span>
            </label>
          ))}
        </fieldset>
      ) : null}

      {frameStrip ? (
        <nav aria-label={t("keyframes")} data-testid="keyframe-strip">
          <ol className="flex gap-2 overflow-x-auto pb-1">
            {keyframes.filter((k) => k.atMs !== null).map((k) => {
              const isHere = copy !== null && Math.abs(currentMs - k.atMs!) < 500;
              return (
                <li key={k.id} className="shrink-0">
                  <button
                    type="button"
                    onClick={() => seek(k.atMs!)}
                    className={`block overflow-hidden rounded-md ring-2 ${isHere ? "ring-teal-700" : "ring-transparent"} focus-visible:ring-teal-700`}
                    aria-current={isHere ? "true" : undefined}
                    data-testid="keyframe-button"
                    data-at-ms={k.atMs!}
                  >
                    {/* eslint-disable-next-line @next/next/no-img-element -- private, authorised bytes: no image optimiser */}
                    <img src={k.url} alt="" width={112} height={63} loading="lazy" decoding="async" className={`h-[63px] w-28 bg-stone-200 object-cover ${revealed ? "" : "blur-md"}`} />
                    <span className="block bg-white px-1 py-0.5 text-center text-[11px] text-stone-700">
                      <span className="sr-only">{t("goTo")} </span>
                      <Timecode ms={k.atMs!} />
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>
      ) : null}

      {medium === "video" && copy ? (
        <p className="text-xs text-stone-600">
          {t.rich("keysHint", { key: (chunks) => <kbd className="rounded border border-stone-300 bg-stone-50 px-1 font-mono">{chunks}</kbd> })}
        </p>
      ) : null}
      {isSlow ? <p className="text-xs text-stone-600">{t("slowNote")}</p> : null}
      <OriginalFacts evidenceId={evidenceId} sha256={sha256} copy={copy} />
    </div>
  );
}

const toolButton =
  "rounded-md border border-stone-300 bg-white px-2.5 py-1 text-sm text-stone-800 hover:bg-stone-100 disabled:cursor-not-allowed disabled:opacity-50";

/** The item's id and the original's hash, in sight beside the player, blurred or not; and which copy plays. */
function OriginalFacts({ evidenceId, sha256, copy }: { evidenceId: string; sha256: string; copy: WorkingCopy | null }) {
  const t = useTranslations("evidence.player");
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1 rounded-md bg-stone-50 px-3 py-2 text-xs text-stone-700" data-testid="player-original">
      <dt className="text-stone-500">{t("itemLabel")}</dt>
      <dd className="break-all font-mono"><Bidi>{evidenceId}</Bidi></dd>
      <dt className="text-stone-500">{t("originalLabel")}</dt>
      <dd className="break-all font-mono"><Bidi>{sha256}</Bidi></dd>
      {copy ? (
        <>
          <dt className="text-stone-500">{t("playingLabel")}</dt>
          <dd data-testid="playing-copy">{t.rich("playingCopy", { kind: copy.kind, hash: () => <Bidi className="font-mono">{copy.sha256.slice(0, 12)}…</Bidi> })}</dd>
        </>
      ) : null}
    </dl>
  );
}
