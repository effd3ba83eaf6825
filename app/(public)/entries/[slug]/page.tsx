import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { EntryView } from "@/components/public/entry-view";
import { GRADE_MEANING } from "@/components/ui/badges";
import { isAppError } from "@/lib/errors/app-error";
import { buildClaimReview, jsonForScript } from "@/lib/publishing/claim-review";
import { readPublicEntry } from "@/lib/publishing/public-cache";

async function loadEntry(slug: string) {
  return readPublicEntry(slug).catch((error) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
}

/** The site's own origin, for absolute URLs in the JSON-LD. */
async function siteOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const entry = await loadEntry((await params).slug);
  return { title: entry.isRetracted ? `Retracted: ${entry.title}` : entry.title, description: entry.summary.slice(0, 200) };
}

export default async function EntryPage({ params }: { params: Promise<{ slug: string }> }) {
  const entry = await loadEntry((await params).slug);
  const review = buildClaimReview(entry, await siteOrigin(), entry.grade ? GRADE_MEANING[entry.grade] : null);
  return (
    <>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(review) }} />
      <EntryView entry={entry} />
    </>
  );
}
