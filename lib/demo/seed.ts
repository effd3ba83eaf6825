import "server-only";
import { Readable } from "node:stream";
import { eq, isNull } from "drizzle-orm";
import { assessEvidence } from "@/lib/assessments/assess-evidence";
import { addEvidenceFromStream } from "@/lib/evidence/add-evidence";
import { addClaimPerson } from "@/lib/persons/add-claim-person";
import { markSensitivity } from "@/lib/evidence/mark-sensitivity";
import { setEvidenceSources } from "@/lib/evidence/set-evidence-sources";
import { addCitation } from "@/lib/sources/add-citation";
import { createSource } from "@/lib/sources/create-source";
import { type Actor, SYSTEM_ACTOR } from "@/lib/auth/permissions";
import { submitClaim } from "@/lib/claims/submit-claim";
import { createUser } from "@/lib/users/create-user";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import type { Db } from "@/db/connect";
import { seedFigures } from "./seed-figures";
import { seedIncidents } from "./seed-incidents";
import { notifications, users } from "@/db/schema";
import { fanOutNotifications } from "@/lib/notifications/fan-out";
import type { Role } from "@/lib/vocabulary";

export const DEMO_PASSWORD = "corroborate-demo";

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "submitter@demo.test", name: "Samira (researcher)", role: "submitter" },
  { email: "reviewer@demo.test", name: "Rami (reviewer)", role: "reviewer" },
  { email: "editor@demo.test", name: "Elena (editor)", role: "editor" },
  { email: "editor2@demo.test", name: "Omar (editor)", role: "editor" },
  { email: "admin@demo.test", name: "Alex (admin)", role: "admin" },
];

function printSignIns() {
  console.log("\nDemo sign-ins (password for all: %s)", DEMO_PASSWORD);
  for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(9)} ${u.email}`);
  console.log("");
}

/**
 * A small demo workspace drawn from the March 2025 coastal killings, written through the same
 * lib/ functions as the app (so every step is audited). Idempotent: does nothing when the demo
 * users exist. Only an empty database is seeded: a real (or restored) workspace never gets the demo
 * accounts, whose password is public. `besideOtherUsers` is for the test and bench servers, which
 * add the demo to generated data. Names of persons are fictional.
 */
export async function seedDemo(db: Db, { log = true, besideOtherUsers = false } = {}): Promise<void> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_USERS[0].email));
  if (existing) {
    if (log) printSignIns();
    return;
  }
  if (!besideOtherUsers) {
    const [anyone] = await db.select({ id: users.id }).from(users).limit(1);
    if (anyone) {
      if (log) console.log("This database already has users: the demo workspace was not added (it only seeds an empty database).");
      return;
    }
  }
  const actors = {} as Record<string, Actor>;
  for (const u of DEMO_USERS) {
    const created = await createUser(db, SYSTEM_ACTOR, { ...u, password: DEMO_PASSWORD });
    actors[u.email] = { id: created.id, role: u.role, name: u.name };
  }
  const submitter = actors["submitter@demo.test"];
  const reviewer = actors["reviewer@demo.test"];
  const editor2 = actors["editor2@demo.test"];

  const monitor = await createSource(db, reviewer, {
    name: "UK-based Syrian monitor",
    kind: "organisation",
    reliability: "B",
    reliabilityRationale: "Long record of casualty documentation; counts often revised upwards.",
  });
  const outlets = [];
  for (const name of ["Regional news site", "International wire", "Diaspora TV channel"]) {
    const outlet = await createSource(db, reviewer, { name, kind: "outlet", reliability: "C" });
    await addCitation(db, reviewer, outlet.id, { citesSourceId: monitor.id });
    outlets.push(outlet);
  }
  const familyAccount = await createSource(db, submitter, { name: "Family member's account", kind: "account", reliability: "F" });
  const relative = await createSource(db, reviewer, { name: "Relative (anonymous contact)", kind: "person", reliability: "F", protected: true });

  /** A text item (so the demo needs no media), its publisher, its sensitivity review and an assessment. */
  const attach = async (claimId: string, text: string, publishedBySourceId: string, isFirstHand = false) => {
    const added = await addEvidenceFromStream(db, reviewer, claimId, { stream: Readable.from([Buffer.from(text)]), filename: "statement.txt", intake: "upload" });
    const sourced = await setEvidenceSources(db, reviewer, added.id, { publishedBySourceId, isFirstHand, version: added.version });
    await markSensitivity(db, reviewer, sourced.id, { isGraphic: false, hasPersonalData: false, version: sourced.version });
    await assessEvidence(db, reviewer, claimId, { evidenceId: sourced.id, stance: "supports", credibility: 2 });
  };

  const toll = await submitClaim(db, submitter, {
    kind: "casualty_count",
    title: "1,383 civilians killed in Syria's coastal region as of 12 March 2025",
    summary:
      "A UK-based monitor reported that 1,383 civilians had been killed in the coastal governorates of Latakia and Tartus and in Hama countryside since 6 March 2025, and said the toll was expected to rise. Dozens of outlets repeated the figure citing the monitor.",
    language: "en",
    incidentDateFrom: "2025-03-06",
    incidentDateTo: "2025-03-12",
    placeName: "Latakia and Tartus governorates, Syria",
    latitude: 35.3,
    longitude: 35.95,
    placePrecision: "region",
    firstSeenSourceName: "Syrian monitor (press statement)",
    firstSeenUrl: "https://example.org/monitor/statement-2025-03-12",
  });
  let claim = await transitionClaim(db, reviewer, toll.id, { action: "accept", version: toll.version });
  await attach(toll.id, "Monitor statement, 12 March 2025: 1,383 civilians killed in the coastal region since 6 March; the toll is expected to rise.\n", monitor.id);
  for (const outlet of outlets) {
    await attach(toll.id, `${outlet.name}: 1,383 civilians killed on the coast, according to the UK-based monitor.\n`, outlet.id);
  }
  await seedFigures(db, reviewer, toll.id, {
    "UK-based Syrian monitor": monitor.id,
    "Regional news site": outlets[0].id,
    "International wire": outlets[1].id,
  });
  claim = await transitionClaim(db, reviewer, toll.id, {
    action: "send_to_review",
    version: claim.version,
    grade: "single_source",
    rationale: "One monitor's count, repeated by many outlets; no independent tally yet.",
  });
  claim = await transitionClaim(db, editor2, toll.id, { action: "publish", version: claim.version });
  // The entry in both languages (issue 18): its Arabic wording, drafted by one editor and published
  // by another as version 2, like any correction.
  claim = await transitionClaim(db, actors["editor@demo.test"], toll.id, {
    action: "correct",
    version: claim.version,
    reason: "Added the entry's wording in Arabic.",
    changes: {
      translations: {
        ar: {
          title: "مقتل 1,383 مدنيًا في الساحل السوري حتى 12 آذار/مارس 2025",
          summary:
            "أفاد مرصد مقرّه المملكة المتحدة بمقتل 1,383 مدنيًا في محافظتي اللاذقية وطرطوس وفي ريف حماة منذ 6 آذار/مارس 2025، وقال إن الحصيلة مرشّحة للارتفاع. وكرّرت عشرات الوسائل الإعلامية الرقم نقلًا عن المرصد.",
        },
      },
    },
  });
  await transitionClaim(db, editor2, toll.id, { action: "publish_correction", version: claim.version });

  const grave = await submitClaim(db, submitter, {
    kind: "video",
    title: "Video said to show a mass grave in Sanubir, Jableh countryside",
    // Its sources wrote in Arabic; the title is kept in English for the reviewers who search it.
    summary:
      "فيديو متداول على قنوات المراسلة يُقال إنه يُظهر جثثًا في مقبرة جماعية قرب قرية سنوبر في ريف جبلة. يحتاج المكان والتاريخ إلى تحقق بمقارنته بصور الأقمار الصناعية ولقطات أخرى.",
    language: "ar",
    incidentDateFrom: "2025-03-08",
    placeName: "Sanubir, Jableh countryside",
    latitude: 35.33,
    longitude: 35.99,
    placePrecision: "vicinity",
    firstSeenSourceName: "Telegram channel (reposted)",
  });
  await transitionClaim(db, reviewer, grave.id, { action: "accept", version: grave.version });
  // Two fictional victims named with the video; the first is the victim of the claim below in
  // another spelling, left unmerged so the person page shows the engine's proposal.
  await addClaimPerson(db, reviewer, grave.id, { role: "victim", names: ["Youssef Waheed Methal"], sex: "male" });
  const nabil = await addClaimPerson(db, reviewer, grave.id, { role: "victim", names: ["نبيل كريم وردة", "Nabil Karim Wardeh"], sex: "male", age: 52, placeName: "Sanubir" });

  await submitClaim(db, submitter, {
    kind: "report",
    title: "Thousands crossing into north Lebanon from Syria's coast",
    summary:
      "Reports say thousands of people, mostly Alawite families, crossed the Nahr al-Kabir river into Akkar in north Lebanon after the killings.",
    language: "en",
    incidentDateFrom: "2025-03-08",
    incidentDateTo: "2025-03-14",
    placeName: "Akkar, north Lebanon",
    placePrecision: "region",
    latitude: 34.6,
    longitude: 36.1,
  });

  const victim = await submitClaim(db, submitter, {
    kind: "person",
    title: "ضحية مسمّاة: يوسف وحيد مثال (اسم متخيَّل للعرض)، قُتل في بانياس",
    summary:
      "منشورات لعائلته تذكر أن رجلًا اسمه يوسف وحيد مثال (Yusuf Wahid Mithal — اسم متخيَّل لهذا العرض) قُتل في منزله في بانياس في 7 آذار/مارس 2025.",
    language: "ar",
    incidentDateFrom: "2025-03-07",
    placeName: "Baniyas",
    placePrecision: "locality",
    latitude: 35.18,
    longitude: 35.95,
  });
  claim = await transitionClaim(db, reviewer, victim.id, { action: "accept", version: victim.version });
  const yusuf = await addClaimPerson(db, reviewer, victim.id, {
    role: "victim",
    names: ["يوسف وحيد مثال", "Yusuf Wahid Mithal"],
    sex: "male",
    incidentDate: "2025-03-07",
    placeName: "Baniyas",
  });
  await attach(victim.id, "منشور يذكر أن يوسف وحيد مثال (متخيَّل) قُتل في منزله في بانياس في 7 آذار.\n", familyAccount.id);
  await attach(victim.id, "ملاحظات مكالمة: أحد الأقارب يؤكد الوفاة والتاريخ (متخيَّل).\n", relative.id, true);
  await transitionClaim(db, reviewer, victim.id, {
    action: "send_to_review",
    version: claim.version,
    grade: "probable",
    rationale: "حساب للعائلة وقريب يتحدث عن معرفة مباشرة، مستقلان أحدهما عن الآخر؛ يبقى مرجَّحًا حتى يُعثر على سجل.",
  });

  const recycled = await submitClaim(db, submitter, {
    kind: "video",
    title: "لقطات يُقال إنها تُظهر قصف جبلة في 9 آذار/مارس 2025",
    summary: "مقطع انتشر على نطاق واسع على أنه يُظهر قصف جبلة في 9 آذار.",
    language: "ar",
    placeName: "Jableh",
    firstSeenSourceName: "Anonymous account",
  });
  await transitionClaim(db, reviewer, recycled.id, {
    action: "reject",
    version: recycled.version,
    reason: "نُشر المقطع نفسه عام 2016 عن مدينة أخرى (لقطات معاد تدويرها).",
  });

  // The incidents these claims are about (issue 24): the coast, Baniyas and al-Qusour, Sanubir.
  await seedIncidents(db, {
    reviewer,
    editor: actors["editor@demo.test"],
    claims: { toll: toll.id, grave: grave.id, victim: victim.id, recycled: recycled.id },
    persons: { yusuf: yusuf.person.id, nabil: nabil.person.id },
    sources: { monitor: monitor.id, familyAccount: familyAccount.id, relative: relative.id },
  });

  // The demo's history is fanned out as the app would have (its people watch their claims, their
  // inboxes hold its steps), but it is history, not news: read already, nothing to mail.
  await fanOutNotifications(db);
  await db.update(notifications).set({ readAt: new Date() }).where(isNull(notifications.readAt));

  if (log) printSignIns();
}
