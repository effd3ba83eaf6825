import { addCitationAction, rateSourceAction } from "../actions";
import type { Metadata } from "next";
import Link from "next/link";
import { AuditTimeline } from "@/components/audit/timeline";
import { RELIABILITY_LABEL } from "@/components/sources/reliability";
import { AddCitationForm, RateSourceForm } from "@/components/sources/source-forms";
import { FormMessage } from "@/components/ui/form";
import { listAuditEvents } from "@/lib/audit/list-events";
import { can } from "@/lib/auth/permissions";
import { orNotFound, pageContext } from "@/lib/server/doors";
import { getSource } from "@/lib/sources/get-source";
import { listSourceOptions } from "@/lib/sources/list-sources";

export const metadata: Metadata = { title: "Source" };

const SAVED: Record<string, string> = { created: "Source added.", rated: "Source saved.", cited: "Citation added." };

export default async function SourcePage({ params, searchParams }: { params: Promise<{ sourceId: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { sourceId } = await params;
  const { db, actor } = await pageContext(`/sources/${sourceId}`);
  const { saved } = await searchParams;
  const source = await orNotFound(getSource(db, actor, sourceId));
  const [options, history] = await Promise.all([
    listSourceOptions(db, actor),
    listAuditEvents(db, actor, { entity: `source:${source.id}` }).catch(() => ({ items: [], nextCursor: null })),
  ]);
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <div className="min-w-0 space-y-6">
        {typeof saved === "string" && Object.hasOwn(SAVED, saved) ? <FormMessage tone="success" message={SAVED[saved]} /> : null}
        <div>
          <p className="text-sm"><Link href="/sources">← Sources</Link></p>
          <h1 dir="auto" data-testid="source-name">{source.name}</h1>
          <p className="text-sm text-stone-600">{source.kind}{source.protected ? " · protected: never shown outside the workspace" : ""}</p>
        </div>
        <dl className="grid gap-3 rounded-lg border border-stone-200 bg-white p-5 text-sm sm:grid-cols-2">
          <div><dt className="text-stone-500">Reliability</dt><dd data-testid="source-reliability">{RELIABILITY_LABEL[source.reliability]}</dd></div>
          <div><dt className="text-stone-500">Rationale</dt><dd dir="auto">{source.reliabilityRationale ?? "—"}</dd></div>
          <div><dt className="text-stone-500">Affiliated with</dt><dd>{source.affiliatedWith ? <Link href={`/sources/${source.affiliatedWith.id}`}>{source.affiliatedWith.name}</Link> : "—"}</dd></div>
          <div><dt className="text-stone-500">URL and handles</dt><dd className="break-all">{[source.url, ...source.handles].filter(Boolean).join(", ") || "—"}</dd></div>
          <div><dt className="text-stone-500">Cites</dt><dd data-testid="source-cites">{source.cites.length ? source.cites.map((c) => c.name).join(", ") : "—"}</dd></div>
          <div><dt className="text-stone-500">Cited by</dt><dd>{source.citedBy.length ? source.citedBy.map((c) => c.name).join(", ") : "—"}</dd></div>
        </dl>
        {can(actor, "audit.read") ? (
          <section className="space-y-3">
            <h2>History</h2>
            <AuditTimeline events={history.items} />
          </section>
        ) : null}
      </div>
      {can(actor, "sources.update") ? (
        <aside className="space-y-4">
          <section className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 className="mb-2 text-base">Rating</h2>
            <RateSourceForm
              submit={rateSourceAction.bind(null, source.id)}
              sourceId={source.id}
              version={source.version}
              reliability={source.reliability}
              rationale={source.reliabilityRationale}
              affiliatedWithId={source.affiliatedWithId}
              isProtected={source.protected}
              options={options}
            />
          </section>
          <section className="rounded-lg border border-stone-200 bg-white p-4">
            <h2 className="mb-2 text-base">Citations</h2>
            <AddCitationForm submit={addCitationAction.bind(null, source.id)} sourceId={source.id} options={options} />
          </section>
        </aside>
      ) : null}
    </div>
  );
}
