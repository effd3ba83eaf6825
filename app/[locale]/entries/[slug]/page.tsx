import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EntryView } from "@/components/public/entry-view";
import { GRADE_MEANING } from "@/components/ui/badges";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors/app-error";
import { buildClaimReview, jsonForScript } from "@/lib/publishing/claim-review";
import { readPublicEntry } from "@/lib/publishing/public-cache";

async function loadEntry(slug: string) {
  return readPublicEntry(slug).catch((error) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
}

/**
 * Rendered on first request and kept (never at build: no params are listed), so a reader's visit
 * costs no rendering and no database read. Publication, correction and retraction drop it at once
 * (lib/publishing/public-cache.ts); otherwise it is rendered again at most once a minute, which
 * keeps the footer's audit head fresh.
 */
export const revalidate = 60;

export async function generateStaticParams(): Promise<{ slug: string }[]> {
  return [];
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const entry = await loadEntry((await params).slug);
  return { title: entry.isRetracted ? `Retracted: ${entry.title}` : entry.title, description: entry.summary.slice(0, 200) };
}

export default async function EntryPage({ params }: { params: Promise<{ slug: string }> }) {
  const entry = await loadEntry((await params).slug);
  const review = buildClaimReview(entry, env.PUBLIC_URL ?? "", entry.grade ? GRADE_MEANING[entry.grade] : null);
  return (
    <>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(review) }} />
      <EntryView entry={entry} />
    </>
  );
}
