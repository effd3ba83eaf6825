import Link from "next/link";
import { formatDate, formatDateTime, formatNumber } from "@/components/ui/format";
import type { AuditEntityRef } from "@/lib/audit/entity-titles";
import type { AuditEventDto } from "@/lib/audit/list-events";
import { TRANSITIONS, type TransitionAction } from "@/lib/workflow/machine";
import type { NamePublicationBasis } from "@/lib/vocabulary";
import { BASIS_LABEL } from "@/components/persons/labels";

type Changes = Record<string, { before: unknown; after: unknown }>;

function describe(event: AuditEventDto): string {
  const data = event.data as { action?: string; reason?: string; changes?: Changes; reasonCode?: string };
  switch (event.type) {
    case "claim.submitted":
      return "Submitted";
    case "claim.edited":
      return `Edited ${Object.keys(data.changes ?? {}).join(", ")}`;
    case "claim.correction_drafted": {
      const fields = Object.keys(data.changes ?? {});
      return `${(event.data as { replacedDraftOf?: string }).replacedDraftOf ? "Correction redrafted" : "Correction drafted"}${fields.length ? `: ${fields.join(", ")}` : ""}`;
    }
    case "claim.correction_discarded":
      return "Correction draft discarded";
    case "claim.graded":
      return `Graded ${String(data.changes?.grade?.after ?? "").replace("_", " ")}`;
    case "claim.assigned": {
      const from = (event.data as { takenOverFrom?: { name?: string } }).takenOverFrom;
      if (from) return `${data.changes?.assigneeId?.after ? "Taken over" : "Released"} from ${String(from.name ?? "")}`;
      return data.changes?.assigneeId?.after ? "Assigned" : "Unassigned";
    }
    case "claim.transitioned": {
      const rule = TRANSITIONS[data.action as TransitionAction];
      return rule ? rule.label : String(data.action);
    }
    case "evidence.added": {
      const d = event.data as { intake?: string; sourceUrl?: string | null };
      return d.intake === "capture" ? "Page capture requested" : `Added by ${d.intake === "resumable" ? "resumable upload" : "upload"}`;
    }
    case "evidence.derived": {
      const d = event.data as { derivation?: string; outcome?: string };
      return `${d.derivation ?? "Derivation"}: ${d.outcome ?? ""}`;
    }
    case "evidence.captured":
      return "Page captured and preserved (WARC)";
    case "evidence.capture_failed":
      return `Capture failed: ${String((event.data as { reason?: string }).reason ?? "")}`;
    case "evidence.capture_retried":
      return "Capture retried";
    case "evidence.withdrawn":
      return `Withdrawn: ${String((event.data as { reason?: string }).reason ?? "")}`;
    case "evidence.downloaded":
      return "Original downloaded";
    case "evidence.sensitivity_marked":
      return "Sensitivity reviewed";
    case "source.created":
      return "Source added";
    case "source.updated":
      return "Source changed";
    case "source.citation_added":
      return "Citation added";
    case "evidence.sources_set":
      return "Where it came from: set";
    case "claim.assessed": {
      const d = event.data as { changes?: Changes };
      return `Evidence assessed: ${String(d.changes?.stance?.after ?? "")} (${String(d.changes?.credibility?.after ?? "")})`;
    }
    case "user.preferences_changed":
      return "Settings changed";
    case "auth.sign_in_succeeded":
      return "Signed in";
    case "session.ended":
      return "Signed out";
    case "auth.sign_in_failed":
      return `Failed sign-in (${String((event.data as { reason?: string }).reason ?? "")})`;
    case "user.created":
      return "User created";
    case "token.created":
      return "API token created";
    case "person.created":
      return "Person added";
    case "person.updated":
      return "Person's details changed";
    case "person.name_added":
      return `Name form added: ${String((event.data as { name?: string }).name ?? "")}`;
    case "person.merged":
      return "Merged into another record of the same person";
    case "person.split":
      return "Split off again (merge undone)";
    case "claim.person_linked": {
      const d = event.data as { role?: string; created?: boolean };
      return `${d.created ? "New person" : "Existing person"} named as ${String(d.role ?? "")}`;
    }
    case "claim.person_unlinked":
      return `Person removed from the claim (${String((event.data as { role?: string }).role ?? "")})`;
    case "claim.person_visibility_changed": {
      const d = event.data as { basis?: NamePublicationBasis | null; lapsed?: string; changes?: Changes };
      if (d.lapsed) return `Name made private again: ${LAPSE_LABEL[d.lapsed] ?? "the person changed"} since it was approved`;
      if (!d.changes?.isPublic && d.basis) return `Basis for publishing a name changed: ${BASIS_LABEL[d.basis]}`;
      if (!d.changes?.isPublic?.after) return "Name made private";
      return d.basis ? `Name marked publishable (basis: ${BASIS_LABEL[d.basis]})` : "Person published with the entry";
    }
    case "claim.persons_imported": {
      const d = event.data as { rows?: number; created?: unknown[]; linked?: unknown[]; rejectedMatches?: number; claimState?: string };
      return `List imported${d.claimState === "review" ? " while in review" : ""}: ${d.rows ?? 0} rows, ${d.created?.length ?? 0} new persons, ${d.linked?.length ?? 0} matched, ${d.rejectedMatches ?? 0} proposed matches rejected`;
    }
    case "claim.import_notice_dismissed":
      return `Persons imported in review checked (${(event.data as { persons?: number }).persons ?? 0})`;
    case "claim.figure_recorded": {
      const d = event.data as { measure?: string; valueMin?: number; valueMax?: number; asOf?: string };
      const value = d.valueMin === d.valueMax ? formatNumber(d.valueMin ?? 0) : `${formatNumber(d.valueMin ?? 0)}–${formatNumber(d.valueMax ?? 0)}`;
      return `Figure recorded: ${value} ${String(d.measure ?? "")}${d.asOf ? ` as of ${formatDate(d.asOf)}` : ""}`;
    }
    default:
      return event.type;
  }
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** What an event is about: its title, linked, when known; the bare type:id otherwise. */
function EntityLine({ event, entity }: { event: AuditEventDto; entity: AuditEntityRef | undefined }) {
  if (!entity) return <p className="text-xs text-stone-500">{event.entity.type}:{event.entity.id}</p>;
  return (
    <p className="text-xs text-stone-500" data-testid="audit-entity">
      {entity.kind}:{" "}
      {entity.href ? (
        <Link href={entity.href} dir="auto" className="font-medium">{entity.title}</Link>
      ) : (
        <span dir="auto">{entity.title}</span>
      )}
    </p>
  );
}

/**
 * Events as a list. `showEntity` names each event's entity (by its title from `entities`, keyed
 * `type:id`, when given); without it only the events whose entity `entities` holds name it (a
 * claim's timeline names its evidence items, not the claim itself).
 */
/** Why a name's approval lapsed (lib/persons/name-approvals.ts). */
const LAPSE_LABEL: Record<string, string> = {
  name_added: "a name form was added to the person",
  person_merged: "another person was merged with them",
  details_changed: "the person's age, sex, date or place changed",
};

export function AuditTimeline({ events, showEntity = false, entities = {} }: { events: AuditEventDto[]; showEntity?: boolean; entities?: Record<string, AuditEntityRef> }) {
  return (
    <ol className="space-y-3" data-testid="audit-timeline">
      {events.map((event) => {
        const data = event.data as { reason?: string; changes?: Changes; from?: string; to?: string };
        const changes = Object.entries(data.changes ?? {});
        return (
          <li key={event.seq} className="rounded-md border border-stone-200 bg-white px-4 py-3 text-sm" data-testid="audit-event" data-entity={event.entity.type} data-type={event.type} data-seq={event.seq}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <p>
                <span className="font-medium text-stone-900">{describe(event)}</span>
                {data.from && data.to && data.from !== data.to ? (
                  <span className="text-stone-600"> · {data.from} → {data.to}</span>
                ) : null}
                <span className="text-stone-600"> · {event.actor?.name ?? "system"}</span>
              </p>
              <time dateTime={event.occurredAt} className="text-xs text-stone-500">{formatDateTime(event.occurredAt)}</time>
            </div>
            {(() => {
              const entity = entities[`${event.entity.type}:${event.entity.id}`];
              return showEntity || entity ? <EntityLine event={event} entity={entity} /> : null;
            })()}
            {data.reason ? <p className="mt-1 text-stone-700" dir="auto">“{data.reason}”</p> : null}
            {changes.length > 0 ? (
              <details className="mt-1 text-xs text-stone-600">
                <summary className="cursor-pointer select-none">{changes.length} field{changes.length === 1 ? "" : "s"} changed</summary>
                <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5">
                  {changes.map(([field, c]) => (
                    <div key={field} className="contents">
                      <dt className="font-mono">{field}</dt>
                      <dd dir="auto" className="break-words">{show(c.before)} → {show(c.after)}</dd>
                    </div>
                  ))}
                </dl>
              </details>
            ) : null}
            <p className="mt-1 font-mono text-[11px] text-stone-400" title={event.hash}>
              #{event.seq} · {event.hash.slice(0, 16)}…
            </p>
          </li>
        );
      })}
    </ol>
  );
}
