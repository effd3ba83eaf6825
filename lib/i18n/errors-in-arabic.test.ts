import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { assessEvidence } from "@/lib/assessments/assess-evidence";
import { getClaim } from "@/lib/claims/get-claim";
import { submitClaim } from "@/lib/claims/submit-claim";
import { assertCurrentVersion } from "@/lib/errors/conflict";
import { addEvidenceFromStream } from "@/lib/evidence/add-evidence";
import { captureFailureReason, captureFailureText } from "@/lib/evidence/capture/failure-reason";
import { markSensitivity } from "@/lib/evidence/mark-sensitivity";
import { setEvidenceSources } from "@/lib/evidence/set-evidence-sources";
import { createSource } from "@/lib/sources/create-source";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { SAMPLE_CLAIM, submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { TRANSITION_ACTIONS, TRANSITIONS } from "@/lib/workflow/machine";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { inLocale, translatorFor } from "./translate";

const ARABIC = /\p{Script=Arabic}/u;
/** Latin letters outside the data a message may carry (codes, hashes, addresses): none in these. */
const LATIN = /[A-Za-z]/;

/** The call's refusal made inside the door's language, and the same call's made outside any door. */
async function inArabicAndOutside(call: () => Promise<unknown>) {
  const arabic = await inLocale("ar", () => rejection(call()));
  const english = await rejection(call());
  return { arabic, english };
}

describe.each(TEST_DRIVERS)("lib/'s refusals in the door's language, on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "reviewer", "editor"] });

  it("a guard's refusal: “confirmed” on one origin is not published, with the same code and guard", async () => {
    const { db, submitter, reviewer, editor } = world;
    let claim = await submitSample(db, submitter);
    claim = await transitionClaim(db, reviewer, claim.id, { action: "accept", version: claim.version });
    const monitor = await createSource(db, reviewer, { name: "Monitor", kind: "organisation", reliability: "B" });
    const added = await addEvidenceFromStream(db, reviewer, claim.id, { stream: Readable.from([Buffer.from("the monitor says\n")]), intake: "upload" });
    const item = await setEvidenceSources(db, reviewer, added.id, { publishedBySourceId: monitor.id, version: added.version });
    await markSensitivity(db, reviewer, item.id, { isGraphic: false, hasPersonalData: false, version: item.version });
    await assessEvidence(db, reviewer, claim.id, { evidenceId: item.id, stance: "supports", credibility: 1 });
    claim = await transitionClaim(db, reviewer, claim.id, { action: "send_to_review", version: claim.version, grade: "confirmed", rationale: "Sure." });

    const { arabic, english } = await inArabicAndOutside(() => transitionClaim(db, editor, claim.id, { action: "publish", version: claim.version }));
    expect(arabic).toMatchObject({ code: "INVALID_STATE", details: { guard: "origins" } });
    expect(arabic.message).toBe("الأصول لا تدعم تقدير «مؤكَّد»: يلزمه أصلان مستقلان داعمان على الأقل، أحدهما مباشر، ولا مناقضة موثوقة.");
    expect(english).toMatchObject({ code: "INVALID_STATE", details: { guard: "origins" } });
    expect(english.message).toBe(
      "The origins do not support “confirmed”: it needs at least two independent supporting origins, one of them first-hand, and no credible contradiction.",
    );
  });

  it("a step the state does not allow names the step and the state in the reader's words", async () => {
    const { db, submitter, editor } = world;
    const claim = await submitSample(db, submitter);
    const { arabic, english } = await inArabicAndOutside(() => transitionClaim(db, editor, claim.id, { action: "publish", version: claim.version }));
    expect(arabic).toMatchObject({ code: "INVALID_STATE", details: { guard: "state" } });
    expect(arabic.message).toBe("لا يمكن «النشر» والادعاء في حالة «الفرز».");
    expect(english).toMatchObject({ code: "INVALID_STATE", details: { guard: "state" } });
    expect(english.message).toBe("“Publish” is not possible while the claim is in triage.");
  });

  it("NOT_FOUND for a claim that is not there", async () => {
    const { arabic, english } = await inArabicAndOutside(() => getClaim(world.db, world.reviewer, "00000000-0000-4000-8000-000000000000"));
    expect(arabic).toMatchObject({ code: "NOT_FOUND", message: "لا يوجد ادعاء كهذا." });
    expect(english).toMatchObject({ code: "NOT_FOUND", message: "No such claim." });
  });

  it("field errors: a schema's own messages, under the same field names", async () => {
    const fieldErrorsOf = async (input: object) => {
      const { arabic, english } = await inArabicAndOutside(() => submitClaim(world.db, world.submitter, input));
      expect(arabic).toMatchObject({ code: "BAD_REQUEST", message: "بعض الحقول ناقصة أو غير صالحة؛ انظر أخطاء الحقول." });
      expect(english).toMatchObject({ code: "BAD_REQUEST", message: "Some fields are missing or not valid; see the field errors." });
      return { arabic: arabic.details.fieldErrors, english: english.details.fieldErrors };
    };
    expect(await fieldErrorsOf({ ...SAMPLE_CLAIM, kind: "rumour", language: "Arabic" })).toEqual({
      arabic: { kind: ["اختر نوعًا."], language: ["استخدم رمز لغة مثل ar أو en."] },
      english: { kind: ["Choose a kind."], language: ["Use a language code such as ar or en."] },
    });
    // The rules across fields, once every field is valid.
    const both = "أدخل خط العرض وخط الطول معًا، أو لا تدخل أيًّا منهما.";
    expect(await fieldErrorsOf({ ...SAMPLE_CLAIM, latitude: 35.2 })).toEqual({
      arabic: { latitude: [both], longitude: [both], placePrecision: ["حدّد مدى دقة الإحداثيات."] },
      english: {
        latitude: ["Give both latitude and longitude, or neither."],
        longitude: ["Give both latitude and longitude, or neither."],
        placePrecision: ["Say how precise the coordinates are."],
      },
    });
  });
});

describe("lib/'s messages in Arabic, outside the database", () => {
  it("a conflict counts in the reader's digits, and stays English outside a door", () => {
    const conflict = (run: () => void) => {
      try {
        run();
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error("expected a conflict");
    };
    expect(inLocale("ar", () => conflict(() => assertCurrentVersion(3, 4, "claim")), "arab")).toBe(
      "طرأ تغيير على الادعاء منذ تحميل الصفحة (عملتَ على النسخة ٣، والنسخة الحالية ٤). أعد التحميل وحاول مرة أخرى.",
    );
    expect(conflict(() => assertCurrentVersion(3, 4, "personVisibility"))).toBe(
      "The person's visibility has changed since you loaded it (you acted on version 3, it is now 4). Reload and try again.",
    );
  });

  it("a capture's stored reason is read back in the reader's language; text it does not know stays as stored", () => {
    const stored = captureFailureReason(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }));
    expect(inLocale("ar", () => captureFailureReason(new Error("odd")))).toBe("The capture failed for an unexpected reason; try again.");
    expect(stored).toBe("The address could not be reached.");
    expect(inLocale("ar", () => captureFailureText(stored))).toBe("تعذّر الوصول إلى العنوان.");
    expect(inLocale("ar", () => captureFailureText("The page was larger than the limit (20 MB)."))).toBe("كانت الصفحة أكبر من الحد المسموح (20 ميغابايت).");
    expect(captureFailureText(stored)).toBe(stored);
    expect(inLocale("ar", () => captureFailureText("Some older reason."))).toBe("Some older reason.");
  });

  it("every step's English refusal names it as the workflow's table does", () => {
    const english = translatorFor("en");
    const arabic = translatorFor("ar");
    for (const action of TRANSITION_ACTIONS) {
      expect(english("guards.state", { action, state: "triage" })).toBe(`“${TRANSITIONS[action].label}” is not possible while the claim is in triage.`);
      const words = arabic("guards.state", { action, state: "triage" });
      expect(words, action).toMatch(ARABIC);
      expect(words, action).not.toMatch(LATIN);
    }
  });
});
