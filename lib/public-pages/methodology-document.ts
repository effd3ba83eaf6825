import { html, richHtml, tag } from "@/lib/html/html";
import { GRADES } from "@/lib/vocabulary";
import { type PublicAuditHead, publicShell } from "./shell";
import type { PublicSpeech } from "./speech";
import type { TimeStampDto } from "@/lib/timestamps";

const strong = tag((chunks) => html`<strong>${chunks}</strong>`);
const code = tag((chunks) => html`<code>${chunks}</code>`);

/**
 * How entries come to be: the workflow, the grades, what independence means, what we never
 * publish, how the record is kept — and how a reader checks a page against it (`#verify`, which
 * every entry's page links to).
 */
export function renderMethodologyDocument({
  speech,
  auditHead,
  chainStamp,
  origin,
}: {
  speech: PublicSpeech;
  auditHead: PublicAuditHead | null;
  /** The newest time-stamp of the chain's head (lib/timestamps), when the site has an authority; null without one. */
  chainStamp: TimeStampDto | null;
  origin: string | undefined;
}): string {
  const t = speech.t("methodology");
  const { words } = speech;
  return publicShell({
    speech,
    title: t("metaTitle"),
    description: t("metaDescription"),
    path: "/methodology",
    origin,
    auditHead,
    body: html`<article>
<header>
<h1>${t("title")}</h1>
<p class="lead">${t("lead")}</p>
</header>
<section aria-labelledby="workflow">
<h2 id="workflow">${t("workflowHeading")}</h2>
<ol class="steps">${(["triage", "corroboration", "review", "publication"] as const).map((step) => html`<li>${richHtml(t.rich(step, { strong }))}</li>`)}</ol>
</section>
<section aria-labelledby="grades">
<h2 id="grades">${t("gradesHeading")}</h2>
<p>${t("gradesIntro")}</p>
<dl class="grades">${GRADES.map((grade) => html`<div class="box"><dt class="strong">${words.grade(grade)}</dt><dd>${words.gradeMeaning(grade)}</dd></div>`)}</dl>
</section>
<section aria-labelledby="origins">
<h2 id="origins">${t("originsHeading")}</h2>
<p>${t("originsRepetition")}</p>
<p>${t("originsScales")}</p>
<p data-testid="grade-rule">${t("gradeRule")}</p>
</section>
<section aria-labelledby="figures">
<h2 id="figures">${t("figuresHeading")}</h2>
<p>${t("figures")}</p>
</section>
<section aria-labelledby="privacy">
<h2 id="privacy">${t("privacyHeading")}</h2>
<p>${t("privacy")}</p>
<p data-testid="methodology-commitments">${t("commitments")}</p>
</section>
<section aria-labelledby="audit">
<h2 id="audit">${t("auditHeading")}</h2>
<p>${t("audit")}</p>
</section>
<section aria-labelledby="verify" data-testid="verify">
<h2 id="verify">${t("verify.heading")}</h2>
<p>${richHtml(t.rich("verify.intro", { code }))}</p>
<ol class="steps">
<li>${richHtml(t.rich("verify.save", { code }))}</li>
<li>${richHtml(t.rich("verify.dataset", { code }))}</li>
<li>${richHtml(t.rich("verify.run", { code }))}</li>
</ol>
<p>${richHtml(t.rich("verify.failing", { code }))}</p>
<h3 id="time-stamps">${t("verify.timeHeading")}</h3>
<p>${richHtml(t.rich("verify.time", { code }))}</p>
${
  chainStamp
    ? html`<p data-testid="chain-stamp">${richHtml(
        t.rich("verify.lastStamp", {
          time: speech.formats.dateTime(chainStamp.genTime),
          seq: chainStamp.seq ?? 0,
          tsa: chainStamp.tsa,
          bdi: tag((chunks) => html`<bdi dir="ltr">${chunks}</bdi>`),
        }),
      )} <a href="${chainStamp.token}" download>${t("verify.token")}</a> · <a href="/api/v1/public/time-stamps">${t("verify.allStamps")}</a></p>`
    : html`<p class="muted" data-testid="chain-stamp">${t("verify.noStamps")}</p>`
}
</section>
</article>`,
  });
}
