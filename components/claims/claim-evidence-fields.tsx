"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { EvidenceUploader, type UploadTally } from "@/components/evidence/evidence-uploader";
import { Bidi } from "@/components/ui/bidi";
import { Field, type formFields } from "@/components/ui/form";
import type { ActionState } from "@/lib/errors/action-state";

const NO_FILES: UploadTally = { staged: 0, sending: 0, done: 0, failed: 0 };

/**
 * The new-claim form's evidence: files (chosen or dropped) and web pages to capture, so a claim and
 * its video go in one step. The pages travel with the form and are checked with it (a wrong one
 * keeps the form and makes nothing). The files wait until the action has made the claim
 * (`state.created`), then go up to it over tus with their progress here; once every one is
 * preserved the form moves on to the claim. A file that fails says so and can be tried again, or
 * the person goes on to the claim knowing it is missing; leaving the page while files are chosen
 * and not yet sent asks first.
 */
export function ClaimEvidenceFields({ state, f, onStaged, keepOnDevice }: {
  state: ActionState;
  f: ReturnType<typeof formFields>;
  /** Told the files chosen and waiting for the claim (the device's draft names them). */
  onStaged?: (files: { name: string; size: number }[]) => void;
  keepOnDevice: boolean;
}) {
  const t = useTranslations("claims.form");
  const sending = useTranslations("claims.sendEvidence");
  const router = useRouter();
  const [tally, setTally] = useState(NO_FILES);
  const created = state.created ?? null;
  const total = tally.staged + tally.sending + tally.done + tally.failed;
  const settled = created !== null && tally.staged === 0 && tally.sending === 0;
  const allPreserved = settled && tally.failed === 0;

  useEffect(() => {
    if (allPreserved) router.push(created.href);
  }, [allPreserved, created, router]);

  // A reload or a closed tab would drop the files not yet sent (chosen and waiting for the claim,
  // or going up to it): the browser asks first.
  const unsent = tally.staged > 0 || (created !== null && !settled);
  useEffect(() => {
    if (!unsent) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [unsent]);

  return (
    <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-white p-5" data-testid="claim-evidence">
      <legend className="px-1 text-sm font-semibold text-stone-800">{t("evidenceLegend")}</legend>
      <p className="text-xs text-stone-500">{t("evidenceIntro")}</p>
      <div role="group" aria-labelledby="claim-files-label" className="space-y-1">
        <p id="claim-files-label" className="text-sm font-medium text-stone-800">{t("files")}</p>
        <EvidenceUploader claimId={created?.id ?? null} onTally={setTally} onStaged={onStaged} refreshOnUpload={false} keepOnDevice={keepOnDevice} />
      </div>
      {/* The files the form waits for: with any, the action hands back the claim instead of leaving. */}
      <input type="hidden" name="filesToSend" value={tally.staged} />
      <Field {...f.field("captureUrls")} label={t("captureUrls")} hint={t.rich("captureUrlsHint", { scheme: (chunks) => <Bidi>{chunks}</Bidi> })}>
        <textarea {...f.control("captureUrls")} dir="ltr" rows={3} placeholder="https://…" readOnly={created !== null} />
      </Field>
      {created ? (
        <div className="space-y-2 text-sm" data-testid="send-evidence">
          <p role="status" data-testid="send-progress">
            {allPreserved ? sending("opening") : sending("progress", { done: tally.done, total })}
          </p>
          {settled && tally.failed > 0 ? (
            <div role="alert" className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-rose-900" data-testid="send-failed">
              <p>{sending("failed", { count: tally.failed })}</p>
              <Link href={created.href} className="mt-1 inline-block font-medium underline">
                {sending("goToClaim")}
              </Link>
            </div>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
