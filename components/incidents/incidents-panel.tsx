import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { IncidentForm, LinkForm } from "@/components/incidents/incident-forms";
import { Disclosure } from "@/components/ui/disclosure";
import type { FormActionFn } from "@/lib/errors/action-state";
import type { ClaimIncidents } from "@/lib/incidents/claim-incidents";

type Brief = ClaimIncidents["linked"][number];

/**
 * A claim's incidents (issue 24): those it is linked to, those it may be about (same place, dates
 * that meet), a picker to link any other, and a new incident made from the claim.
 */
export function IncidentsPanel({ claimId, incidents, canWrite, link, create, options, required, locale }: {
  claimId: string;
  incidents: ClaimIncidents;
  canWrite: boolean;
  link: FormActionFn;
  create: FormActionFn;
  options: { id: string; label: string }[];
  required: readonly string[];
  locale: string;
}) {
  const t = useTranslations("incidents.panel");
  const w = useTranslations("incidents.words");
  const format = useFormatter();
  const line = (i: Brief) => (
    <>
      <Link href={`/incidents/${i.id}`} dir="auto" className="font-medium">{i.title}</Link>
      <span className="text-stone-500"> · {w(`type.${i.type}`)} · <bdi>{i.placeName}</bdi> · {format.dateTime(new Date(`${i.startDate}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" })}</span>
    </>
  );
  const linkedIds = new Set(incidents.linked.map((i) => i.id));
  return (
    <section aria-labelledby="incidents-heading" className="space-y-3" id="incidents" data-testid="claim-incidents">
      <h2 id="incidents-heading">{t("heading")}</h2>
      {incidents.linked.length ? (
        <ul className="space-y-1 text-sm" data-testid="claim-incidents-linked">
          {incidents.linked.map((i) => <li key={i.id}>{line(i)}</li>)}
        </ul>
      ) : (
        <p className="text-sm text-stone-600">{t("none")}</p>
      )}
      {incidents.suggested.length ? (
        <div className="space-y-1 rounded-md border border-teal-200 bg-teal-50 p-3 text-sm" data-testid="claim-incidents-suggested">
          <p className="font-medium">{t("suggested")}</p>
          <ul className="space-y-1">
            {incidents.suggested.map((i) => <li key={i.id}>{line(i)}</li>)}
          </ul>
        </div>
      ) : null}
      {canWrite ? (
        <>
          <LinkForm
            submit={link}
            name="incidentId"
            label={t("linkLabel")}
            options={[...incidents.suggested.map((i) => ({ id: i.id, label: `★ ${i.title}` })), ...options.filter((o) => !linkedIds.has(o.id))]}
            testId="link-incident-form"
          />
          <Disclosure className="rounded-lg border border-stone-200 bg-white p-4" summaryClassName="cursor-pointer text-sm font-medium text-teal-800" summary={t("createFromClaim")}>
            <div className="mt-3">
              <IncidentForm submit={create} required={required} parents={options} locale={locale} claimId={claimId} />
            </div>
          </Disclosure>
        </>
      ) : null}
    </section>
  );
}
