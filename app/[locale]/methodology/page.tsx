import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { getSpeech } from "@/components/ui/speech-server";
import { isLocale } from "@/lib/i18n/locales";
import { GRADES } from "@/lib/vocabulary";
import { LanguageAlternates } from "@/components/public/language-alternates";
import { env } from "@/lib/env";

type Params = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = await getTranslations({ locale, namespace: "methodology" });
  return { title: t("metaTitle"), description: t("metaDescription") };
}

const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;

/** How entries come to be: the workflow, the grades, what independence means, and what we never publish. */
export default async function MethodologyPage({ params }: Params) {
  // The footer reads the audit head: at request time, never at build.
  await connection();
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const [t, { words }] = await Promise.all([getTranslations({ locale, namespace: "methodology" }), getSpeech(locale)]);
  return (
    <article className="max-w-3xl space-y-8 leading-relaxed">
      <LanguageAlternates path="/methodology" origin={env.PUBLIC_URL} />
      <header className="space-y-2">
        <h1 className="text-3xl">{t("title")}</h1>
        <p className="text-lg text-stone-700">{t("lead")}</p>
      </header>

      <section aria-labelledby="workflow" className="space-y-2">
        <h2 id="workflow">{t("workflowHeading")}</h2>
        <ol className="list-decimal space-y-2 ps-6">
          <li>{t.rich("triage", { strong })}</li>
          <li>{t.rich("corroboration", { strong })}</li>
          <li>{t.rich("review", { strong })}</li>
          <li>{t.rich("publication", { strong })}</li>
        </ol>
      </section>

      <section aria-labelledby="grades" className="space-y-2">
        <h2 id="grades">{t("gradesHeading")}</h2>
        <p>{t("gradesIntro")}</p>
        <dl className="space-y-2">
          {GRADES.map((g) => (
            <div key={g} className="rounded-md border border-stone-200 bg-white px-4 py-2">
              <dt className="font-medium">{words.grade(g)}</dt>
              <dd className="text-stone-700">{words.gradeMeaning(g)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="origins" className="space-y-2">
        <h2 id="origins">{t("originsHeading")}</h2>
        <p>{t("originsRepetition")}</p>
        <p>{t("originsScales")}</p>
        <p data-testid="grade-rule">{t("gradeRule")}</p>
      </section>

      <section aria-labelledby="figures" className="space-y-2">
        <h2 id="figures">{t("figuresHeading")}</h2>
        <p>{t("figures")}</p>
      </section>

      <section aria-labelledby="privacy" className="space-y-2">
        <h2 id="privacy">{t("privacyHeading")}</h2>
        <p>{t("privacy")}</p>
      </section>

      <section aria-labelledby="audit" className="space-y-2">
        <h2 id="audit">{t("auditHeading")}</h2>
        <p>{t("audit")}</p>
      </section>
    </article>
  );
}
