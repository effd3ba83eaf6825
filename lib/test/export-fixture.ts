import type { Db } from "@/db/connect";
import type { Actor } from "@/lib/auth/permissions";
import { gradeClaim } from "@/lib/claims/grade-claim";
import type { TSubmitClaim } from "@/lib/claims/schemas";
import { attachAssessedItem, makeActor, submitSample } from "@/lib/test/fixtures";
import { transitionClaim } from "@/lib/workflow/transition-claim";

/** Words that live only in the workspace: none of them may reach a public export. */
export const PRIVATE_WORDS = {
  rationale: "Internal rationale: the monitor's deputy confirmed by phone",
  sendBack: "Internal: check the uploader's other accounts first",
  submitterName: "Private Submitter Nadia",
};

export const ARABIC_TITLE = 'مقتل مدنيين في <المختارية> & "الرميلة"';
export const FORMULA_TITLE = '=HYPERLINK("https://evil.example/","click")';
/** The corrected (English) entry's Arabic translation, published with its correction (issue 18). */
export const ARABIC_TRANSLATION = { title: "=مقتل 1,500 مدني حتى 14 آذار", summary: "يحصي المرصد الآن 1,500 قتيل، حتى 14 آذار." };

type Stage = { db: Db; reviewer: Actor; editor: Actor; otherEditor: Actor; submitter: Actor };

/** Submit, accept, grade, attach an assessed item, send to review (by `editor`), publish (by `otherEditor`). */
async function publish(stage: Stage, claim: Partial<TSubmitClaim>, { sendBackFirst = false } = {}) {
  const { db, reviewer, editor, otherEditor, submitter } = stage;
  let c = await submitSample(db, submitter, claim);
  c = await transitionClaim(db, reviewer, c.id, { action: "accept", version: c.version });
  c = await gradeClaim(db, reviewer, c.id, { grade: "probable", rationale: PRIVATE_WORDS.rationale, version: c.version });
  await attachAssessedItem(db, reviewer, c.id);
  c = await transitionClaim(db, editor, c.id, { action: "send_to_review", version: c.version });
  if (sendBackFirst) {
    c = await transitionClaim(db, otherEditor, c.id, { action: "send_back", version: c.version, reason: PRIVATE_WORDS.sendBack });
    c = await transitionClaim(db, editor, c.id, { action: "send_to_review", version: c.version });
  }
  return transitionClaim(db, otherEditor, c.id, { action: "publish", version: c.version });
}

/**
 * Three entries, one of each change: `published` (an Arabic title with markup characters),
 * `corrected` (a formula-like title; summary and place corrected with a note, and an Arabic
 * translation, formula-like too, added by the same correction) and `retracted` (sent back once with
 * an internal reason before publication, then retracted with a public note).
 */
export async function publishCorrectRetract(db: Db) {
  const stage: Stage = {
    db,
    submitter: await makeActor(db, "submitter", PRIVATE_WORDS.submitterName),
    reviewer: await makeActor(db, "reviewer"),
    editor: await makeActor(db, "editor"),
    otherEditor: await makeActor(db, "editor"),
  };
  const published = await publish(stage, { title: ARABIC_TITLE, language: "ar", placeName: "المختارية, Latakia", latitude: 35.5, longitude: -0.25, placePrecision: "locality" });

  let corrected = await publish(stage, { title: FORMULA_TITLE, summary: "Line one,\nline \"two\"." });
  corrected = await transitionClaim(db, stage.editor, corrected.id, {
    action: "correct",
    version: corrected.version,
    reason: "The monitor revised its count & the place.",
    changes: { summary: "The monitor now counts 1,500, as of 14 March.", placeName: "Baniyas", translations: { ar: ARABIC_TRANSLATION } },
  });
  // Four eyes: the editor who drafted the correction does not publish it.
  corrected = await transitionClaim(db, stage.otherEditor, corrected.id, { action: "publish_correction", version: corrected.version });

  let retracted = await publish(stage, { title: "Video shows shelling of Jableh" }, { sendBackFirst: true });
  retracted = await transitionClaim(db, stage.editor, retracted.id, {
    action: "retract",
    version: retracted.version,
    reason: "The footage is from 2016 <Aleppo>.",
  });
  return { published, corrected, retracted };
}
