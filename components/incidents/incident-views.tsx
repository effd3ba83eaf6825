"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { IncidentMap, type MapIncident } from "./incident-map";
import { IncidentTimeline } from "./incident-timeline";

/**
 * The incidents on a map and along a timeline, one above the other, with one selection: choosing
 * an incident on either marks it on both, and the line under them links to its page.
 */
export function IncidentViews({ items }: { items: MapIncident[] }) {
  const t = useTranslations("incidents.views");
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = selectedId ? items.find((i) => i.id === selectedId) : undefined;

  return (
    <div className="space-y-4" data-testid="incident-views">
      <IncidentMap items={items} selectedId={selected ? selected.id : null} onSelect={setSelectedId} />
      {items.length > 0 ? <IncidentTimeline items={items} selectedId={selected ? selected.id : null} onSelect={setSelectedId} /> : null}
      {items.length > 0 ? (
        <p className="min-h-5 text-sm text-stone-700" aria-live="polite" data-testid="incident-selected">
          {selected ? (
          <>
            <span className="text-stone-500">{t("selected")}</span> <span dir="auto" className="font-medium text-stone-900">{selected.title}</span>
            <Link href={`/incidents/${selected.id}`} className="ms-3">
              {t("open")}
            </Link>
          </>
        ) : null}
        </p>
      ) : null}
    </div>
  );
}
