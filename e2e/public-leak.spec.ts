import { createHmac } from "node:crypto";
import sharp from "sharp";
import { unzipSync, strFromU8 } from "fflate";
import { bearer, transitionApi, uniqueWord } from "./support/api";
import { expect, PEOPLE, test } from "./support/fixtures";
import { makeWav } from "./support/media";
import { acceptedClaimApi, addPersonApi, attachSourcedItem, createSourceApi, recordFigureApi, withdrawEvidenceApi } from "./support/public";

/**
 * The leak test (issue 6): a claim carrying everything that must stay private — a protected
 * source, a private witness, an unverified perpetrator and a victim whose name no one marked
 * publishable (issue 17: names are private until approved), internal notes and rationales, the team's
 * comments (issue 20: the discussion, an item's thread, a rewritten comment's earlier text, a deletion's reason), the
 * time-coded notes on a recording (issue 21: a note, a rewritten one's earlier text, a deleted one), the
 * staff's names and e-mails, an original file name and a photo's EXIF GPS — is published; then
 * every public page, API answer, the feed, the CSV and the ZIP are fetched signed out, and none of
 * those strings may appear anywhere. What should be public is checked too, so the scan is not
 * reading empty pages.
 */
test("nothing private reaches any public page, API answer, feed, CSV or dataset", async ({ page, request }) => {
  test.setTimeout(120_000);
  const word = uniqueWord("leak");
  const secret = {
    protectedName: `Umm Zaid ${word} (protected contact)`,
    protectedUrl: `https://example.org/contacts/${word}`,
    protectedHandle: `@contact_${word}`,
    witness: `Rafiq Qasim Witness${word}`,
    perpetrator: `Abu Nimr Suspect${word}`,
    unapprovedVictim: `Nabil Unapproved${word}`,
    basisNote: `Basis note ${word}`,
    personNote: `Internal person note ${word}`,
    rationale: `Internal grade rationale ${word}`,
    assessmentNote: `Assessment note ${word}`,
    filename: `witness-phone-${word}.jpg`,
    firstSeenUrl: `https://private.example/chat/${word}`,
    firstSeenName: `Private chat group ${word}`,
    gps: "35.19601",
    gpsLongitude: "35.95342",
    camera: `LeakPhone${word.slice(-6)}`,
    discardedDraft: `A draft never published ${word}`,
    draftTitle: `Unpublished corrected title ${word}`,
    correctionRationale: `Internal rationale of the corrected grade ${word}`,
    draftTranslation: `ترجمة لم تُنشر قط ${word}`,
    comment: `Internal discussion CommentLeak${word}`,
    itemComment: `Is this the same street? ItemCommentLeak${word}`,
    rewrittenComment: `First thought, later rewritten RewriteLeak${word}`,
    deletedComment: `Said and then deleted DeletedLeak${word}`,
    deleteReason: `Deleted for a reason ReasonLeak${word}`,
    note: `0:01 the sign reads NoteLeak${word}`,
    rewrittenNote: `First reading, later rewritten NoteRewriteLeak${word}`,
    deletedNote: `Noted and then deleted NoteDeletedLeak${word}`,
    // Incidents (issue 24): a victim's internal note, an attribution's rationale, an unpublished sub-incident.
    casualtyNote: `Casualty record note CasualtyLeak${word}`,
    attributionRationale: `Attribution rationale AttributionLeak${word}`,
    draftIncident: `Unpublished sub-incident DraftIncidentLeak${word}`,
  };
  // Published with the correction (issue 18): public, in the entry, its versions, the CSV and the ZIP.
  const translation = { title: `عمليات قتل في قرية ساحلية ${word}`, summary: `قُتل سكان القرية (${word}).` };
  const monitor = await createSourceApi(request, { name: `Open monitor ${word}`, kind: "organisation", reliability: "B" });
  const contact = await createSourceApi(request, {
    name: secret.protectedName,
    kind: "person",
    url: secret.protectedUrl,
    handles: [secret.protectedHandle],
    reliability: "B",
    reliabilityRationale: `Known since 2019 ${word}`,
    protected: true,
  });
  const title = `Killings in a coastal village ${word}`;
  let claim = await acceptedClaimApi(request, {
    kind: "report",
    title,
    summary: `Residents were killed in the village (${word}).`,
    firstSeenUrl: secret.firstSeenUrl,
    firstSeenSourceName: secret.firstSeenName,
    latitude: 35.2,
    longitude: 35.96,
    placePrecision: "locality",
    placeName: "A coastal village",
  });
  const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#884422" } })
    .jpeg()
    .withExif({ IFD0: { Make: secret.camera, Model: "X1" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "35/1 11/1 4567/100", GPSLongitudeRef: "E", GPSLongitude: "35/1 57/1 1234/100" } })
    .toBuffer();
  await attachSourcedItem(request, claim.id, { name: `monitor-${word}.txt`, mimeType: "text/plain", buffer: Buffer.from(`Monitor statement ${word}\n`) }, { publishedBySourceId: monitor.id });
  const filmed = await attachSourcedItem(request, claim.id, { name: secret.filename, mimeType: "image/jpeg", buffer: photo }, { publishedBySourceId: contact.id, isFirstHand: true, note: secret.assessmentNote });
  // A withdrawn item (issue 17): its hash, file name and the reason stay off every public page.
  const withdrawal = { reason: `Staged footage, withdrawn ${word}`, filename: `staged-${word}.txt` };
  const staged = await attachSourcedItem(request, claim.id, { name: withdrawal.filename, mimeType: "text/plain", buffer: Buffer.from(`Staged ${word}\n`) }, { publishedBySourceId: monitor.id });
  await withdrawEvidenceApi(request, staged, withdrawal.reason);
  const victim = await addPersonApi(request, claim.id, { role: "victim", names: [`Victim Haidar ${word}`], age: 41, note: secret.personNote });
  const approved = await request.patch(`/api/v1/claims/${claim.id}/persons/${victim.linkId}`, {
    headers: bearer("reviewer"),
    data: { isPublic: true, basis: "family_consent", basisNote: secret.basisNote, version: victim.version },
  });
  expect(approved.status(), await approved.text()).toBe(200);
  // A victim like the one above, added the same way, whose name no one marked publishable.
  const unapproved = await addPersonApi(request, claim.id, { role: "victim", names: [secret.unapprovedVictim], age: 36 });
  await addPersonApi(request, claim.id, { role: "witness", names: [secret.witness] });
  await addPersonApi(request, claim.id, { role: "perpetrator", names: [secret.perpetrator] });
  await recordFigureApi(request, claim.id, { measure: "killed", value: 17, scopePlace: `Village ${word}`, asOf: "2025-03-08", sourceId: monitor.id });
  await recordFigureApi(request, claim.id, { measure: "killed", valueMin: 18, valueMax: 22, scopePlace: `Village ${word}`, asOf: "2025-03-09", sourceId: contact.id });
  // The discussion (issue 20): comments on the claim and on an item, a rewritten one's earlier text, a deleted one and why — all internal.
  const comment = async (data: { body: string; evidenceId?: string }) => {
    const response = await request.post(`/api/v1/claims/${claim.id}/comments`, { headers: bearer("reviewer"), data });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as { id: string; version: number };
  };
  await comment({ body: `${secret.comment} @${PEOPLE.editor.name}` });
  await comment({ body: secret.itemComment, evidenceId: filmed.id });
  const rewritten = await comment({ body: secret.rewrittenComment });
  expect((await request.patch(`/api/v1/comments/${rewritten.id}`, { headers: bearer("reviewer"), data: { body: `Rewritten ${word}`, version: rewritten.version } })).status()).toBe(200);
  const deleted = await comment({ body: secret.deletedComment });
  expect((await request.delete(`/api/v1/comments/${deleted.id}`, { headers: bearer("editor"), data: { reason: secret.deleteReason } })).status()).toBe(200);
  // Time-coded notes on a recording (issue 21): a note, a rewritten one's earlier text, a deleted one — all internal.
  const recording = await attachSourcedItem(request, claim.id, { name: `recording-${word}.wav`, mimeType: "audio/wav", buffer: makeWav(2) }, { publishedBySourceId: monitor.id });
  const note = async (body: string) => {
    const response = await request.post(`/api/v1/evidence/${recording.id}/notes`, { headers: bearer("reviewer"), data: { startMs: 1000, endMs: 1500, body } });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as { id: string; version: number };
  };
  await note(secret.note);
  const reread = await note(secret.rewrittenNote);
  expect((await request.patch(`/api/v1/evidence-notes/${reread.id}`, { headers: bearer("reviewer"), data: { body: `Reread ${word}`, version: reread.version } })).status()).toBe(200);
  const unsaid = await note(secret.deletedNote);
  expect((await request.delete(`/api/v1/evidence-notes/${unsaid.id}`, { headers: bearer("editor"), data: { version: unsaid.version } })).status()).toBe(204);
  claim = await transitionApi(request, "reviewer", claim, { action: "send_to_review", grade: "probable", rationale: secret.rationale });
  const published = await transitionApi(request, "editor2", claim, { action: "publish" });
  const slug = published.publicSlug!;
  // A correction under four eyes: a discarded draft and the new grade's rationale stay private.
  let corrected = await transitionApi(request, "editor", published, {
    action: "correct",
    reason: secret.discardedDraft,
    changes: { title: secret.draftTitle, translations: { ar: { title: secret.draftTranslation, summary: secret.draftTranslation } } },
  });
  corrected = await transitionApi(request, "editor2", corrected, { action: "discard_correction" });
  corrected = await transitionApi(request, "editor", corrected, { action: "correct", reason: `Fewer sources than first thought ${word}.`, changes: { grade: "single_source", gradeRationale: secret.correctionRationale, translations: { ar: translation } } });
  await transitionApi(request, "editor2", corrected, { action: "publish_correction" });

  // An incident of the published claim (issue 24): both victims recorded, the protected contact
  // among the sources, an attribution on their word, and a sub-incident never published.
  const incident = async (data: Record<string, unknown>) => {
    const response = await request.post("/api/v1/incidents", {
      headers: bearer("reviewer"),
      data: { language: "en", type: "killing", placeName: `A coastal village ${word}`, placePrecision: "locality", latitude: 35.2, longitude: 35.96, startDate: "2025-03-07", endDate: "2025-03-08", datePrecision: "day", ...data },
    });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as { id: string; version: number };
  };
  const village = await incident({ title: `Village killings ${word}` });
  await incident({ title: secret.draftIncident, parentId: village.id });
  const incidentCall = async (path: string, data: unknown, person: "reviewer" | "editor" = "reviewer") => {
    const response = await request.post(`/api/v1/incidents/${village.id}${path}`, { headers: bearer(person), data });
    expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
    return (await response.json()) as { slug: string | null; version: number };
  };
  await incidentCall("/claims", { claimId: claim.id });
  await incidentCall("/casualties", { personId: victim.person.id, cause: "shot", status: "civilian", age: 41, sourceIds: [monitor.id, contact.id], note: secret.casualtyNote });
  await incidentCall("/casualties", { personId: unapproved.person.id, cause: "burned", sourceIds: [contact.id], note: secret.casualtyNote });
  const attributed = await incidentCall("/attributions", { perpetrator: `Armed group ${word}`, grade: "probable", rationale: secret.attributionRationale, sourceIds: [contact.id] });
  const incidentSlug = (await incidentCall("/publish", { version: attributed.version }, "editor")).slug!;

  expect(await page.context().cookies()).toEqual([]);
  const scanned: [string, string][] = [];
  const pages = ["/", `/?q=${encodeURIComponent(word)}`, `/entries/${slug}`, `/entries/${slug}/v/1`, `/entries/${slug}/v/2`, "/methodology", "/events", `/events/${incidentSlug}`, "/events/codebook"];
  // Every language's documents too: each is rendered and sealed apart.
  for (const path of [...pages, ...pages.map((p) => (p === "/" ? "/ar" : p.startsWith("/?") ? `/ar${p.slice(1)}` : `/ar${p}`))]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    scanned.push([path, await page.content()]);
  }
  for (const path of [`/api/v1/public/entries?q=${encodeURIComponent(word)}`, "/api/v1/public/entries?limit=100", `/api/v1/public/entries/${slug}`, `/api/v1/public/entries/${slug}/versions/1`, `/api/v1/public/entries/${slug}/versions/2`, "/api/v1/public/feed.atom", "/api/v1/public/entries.csv", "/api/v1/public/incidents", `/api/v1/public/incidents/${incidentSlug}`, `/api/v1/public/incidents/${incidentSlug}/victims.csv`]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    scanned.push([path, await response.text()]);
  }
  const zip = await request.get("/api/v1/public/export.zip");
  expect(zip.status()).toBe(200);
  for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(await zip.body())))) scanned.push([`export.zip/${name}`, strFromU8(bytes)]);

  // What must be public is there (the scan reads real content)…
  const entryPage = scanned.find(([where]) => where === `/entries/${slug}`)![1];
  expect(entryPage).toContain(`Victim Haidar ${word}`);
  expect(entryPage).toContain(`Open monitor ${word}`);
  // The incident's page lists the approved victim and counts the other; its CSV and the ZIP's list the approved one.
  for (const where of [`/events/${incidentSlug}`, `/ar/events/${incidentSlug}`, `/api/v1/public/incidents/${incidentSlug}/victims.csv`, "export.zip/incident-victims.csv"]) {
    expect(scanned.find(([at]) => at === where)![1], `${where} lists the approved victim`).toContain(`Victim Haidar ${word}`);
  }
  expect(scanned.find(([at]) => at === `/events/${incidentSlug}`)![1]).toContain("One more victim is recorded whose name is not published.");
  expect(scanned.find(([at]) => at === `/events/${incidentSlug}`)![1]).toContain(`Armed group ${word}`);
  // The protected contact's photo (issue 23): by its commitment, never its SHA-256; an admin's
  // disclosure packet gives the key, and the commitment recomputed from the photo's bytes matches.
  const item = (await (await request.get(`/api/v1/evidence/${filmed.id}`, { headers: bearer("reviewer") })).json()) as { publicFingerprint: { disclosure: string; commitment: string } };
  expect(item.publicFingerprint.disclosure).toBe("commitment");
  expect(entryPage).toContain(item.publicFingerprint.commitment);
  const packetAnswer = await request.post(`/api/v1/evidence/${filmed.id}/disclosure-packet`, { headers: bearer("admin"), data: { reason: `Asked for by the court ${word}` } });
  expect(packetAnswer.status(), await packetAnswer.text()).toBe(200);
  const packet = (await packetAnswer.json()) as { commitment: { key: string; value: string }; evidence: { sha256: string } };
  expect(packet.evidence.sha256).toBe(filmed.sha256);
  expect(createHmac("sha256", Buffer.from(packet.commitment.key, "hex")).update(photo).digest("hex")).toBe(item.publicFingerprint.commitment);
  for (const where of [`/api/v1/public/entries/${slug}`, "export.zip/evidence-manifest.csv", "/ar/entries/" + slug]) {
    expect(scanned.find(([at]) => at === where)![1], `${where} names the protected photo by its commitment`).toContain(packet.commitment.value);
  }
  expect(scanned.find(([where]) => where === `/entries/${slug}/v/2`)![1]).toContain(`Fewer sources than first thought ${word}.`);
  expect(scanned.find(([where]) => where === `/entries/${slug}/v/1`)![1]).toContain(`Victim Haidar ${word}`);
  expect(scanned.find(([where]) => where === "/api/v1/public/entries.csv")![1]).toContain(title);
  expect(scanned.some(([where, text]) => where.startsWith("export.zip/") && text.includes(title))).toBe(true);
  for (const where of [`/api/v1/public/entries/${slug}`, `/api/v1/public/entries/${slug}/versions/2`, "/api/v1/public/entries.csv", "export.zip/entries.json"]) {
    expect(scanned.find(([at]) => at === where)![1], `${where} carries the published translation`).toContain(translation.title);
  }
  expect(scanned.find(([at]) => at === `/api/v1/public/entries/${slug}/versions/1`)![1]).not.toContain(translation.title);

  // …and nothing private is, anywhere.
  const forbidden = [
    ...Object.values(secret),
    ...Object.values(withdrawal),
    staged.sha256!,
    // What would let whoever else holds the protected contact's photo find it here: its hash, its key.
    filmed.sha256!,
    packet.commitment.key,
    contact.id,
    `Known since 2019 ${word}`,
    ...Object.values(PEOPLE).flatMap((p) => [p.email, p.name]),
  ];
  for (const [where, text] of scanned) {
    for (const value of forbidden) expect(text, `${where} must not contain "${value}"`).not.toContain(value);
  }
});

test("the public list answers bad filters with a 400, never a 500", async ({ request }) => {
  const response = await request.get("/api/v1/public/entries?grade=excellent&from=yesterday");
  expect(response.status()).toBe(400);
  const body = (await response.json()) as { error: { fieldErrors: Record<string, string[]> } };
  expect(Object.keys(body.error.fieldErrors).sort()).toEqual(["from", "grade"]);
  expect((await request.get("/?grade=excellent")).status()).toBe(200);
});
