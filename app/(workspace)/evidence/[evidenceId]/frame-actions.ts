"use server";

import { getTranslations } from "next-intl/server";
import type { ActionState } from "@/lib/errors/action-state";
import { grabFrame } from "@/lib/evidence/frame-grab";
import { formAction } from "@/lib/server/doors";

/** "Save this frame": the frame at `atMs` of the original becomes a new item; the answer carries its id for the link to it. */
export async function grabFrameAction(evidenceId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const frame = await grabFrame(db, actor, evidenceId, { atMs: Number(values.atMs) });
    return {
      message: (await getTranslations("evidence.frameGrab"))("done"),
      refresh: [`/evidence/${evidenceId}`],
      values: { frameId: frame.id, frameSha256: frame.sha256 },
    };
  });
}
