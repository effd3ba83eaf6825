"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, FormMessage } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import { usePlayerMoment } from "./review-context";
import { Timecode } from "./timecode";

/**
 * "Save this frame": the frame at the player's moment, taken from the preserved original (not the
 * working copy) on the server, becomes a new image item of the claim with its own hash; the answer
 * links to it.
 */
export function FrameGrabForm({ submit }: { submit: FormActionFn }) {
  const t = useTranslations("evidence.frameGrab");
  const { currentMs, isReady } = usePlayerMoment();
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const frameId = state.ok ? state.values?.frameId : undefined;
  return (
    <form action={action} className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm" aria-label={t("label")} data-testid="frame-grab">
      <input type="hidden" name="atMs" value={currentMs} />
      <button type="submit" className={buttonClass.secondary} disabled={pending || !isReady} data-testid="frame-grab-submit">
        {pending ? t("pending") : t("submit")}
      </button>
      <span className="text-xs text-stone-600">{t.rich("hint", { time: () => <Timecode ms={currentMs} /> })}</span>
      {state.ok && frameId ? (
        <p role="status" className="basis-full text-sm text-emerald-900" data-testid="frame-grab-done">
          {state.message}{" "}
          <Link href={`/evidence/${frameId}`} className="font-medium" data-testid="frame-grab-link">{t("open")}</Link>
        </p>
      ) : null}
      {!state.ok ? <div className="basis-full"><FormMessage message={state.message} tone="error" links={state.links} /></div> : null}
    </form>
  );
}
