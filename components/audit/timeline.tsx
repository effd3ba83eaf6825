import Link from "next/link";
import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Bidi } from "@/components/ui/bidi";
import { useFormats, useVocabulary } from "@/components/ui/speech";
import type { Formats, Vocabulary } from "@/lib/i18n/speech-core";
import type { AuditEntityRef } from "@/lib/audit/entity-titles";
import type { AuditEventDto } from "@/lib/audit/list-events";
import { TRANSITIONS, type TransitionAction } from "@/lib/workflow/machine";
import type { NamePublicationBasis } from "@/lib/vocabulary";

type Changes = Record<string, { before: unknown; after: unknown }>;
type AuditT = ReturnType<typeof useTranslations<"audit">>;
type ClaimsT = ReturnType<typeof useTranslations<"claims">>;
type Speech = { t: AuditT; claims: ClaimsT; words: Vocabulary; formats: Formats; role: (role: string) => string };
type Translate = (key: string) => string;

/**
 * A stored code (a field, a stance, a role, a reason) as the event line says it: in English the code
 * itself, as the log has always read; in another language its word. A code the list lacks is shown as it is.
 */
function wordOf(t: AuditT, list: string, code: unknown): string {
  const key = `word.${list}.${String(code)}`;
  return t.has(key as never) ? t(key as never) : String(code ?? "");
}

function describe(event: AuditEventDto, { t, claims, words, formats, role }: Speech): string {
  const data = event.data as { action?: string; reason?: string; changes?: Changes; reasonCode?: string };
  const fieldList = (changes: Changes | undefined) => Object.keys(changes ?? {}).map((f) => wordOf(t, "field", f)).join(t("listSeparator"));
  switch (event.type) {
    case "claim.submitted":
      return t("event.submitted");
    case "claim.edited":
      return t("event.edited", { fields: fieldList(data.changes) });
    case "claim.correction_drafted": {
      const fields = fieldList(data.changes);
      return t("event.correctionDrafted", {
        redrafted: (event.data as { replacedDraftOf?: string }).replacedDraftOf ? "yes" : "no",
        hasFields: fields ? "yes" : "no",
        fields,
      });
    }
    case "claim.correction_discarded":
      return t("event.correctionDiscarded");
    case "claim.graded":
      return t("event.graded", { grade: wordOf(t, "grade", data.changes?.grade?.after ?? "") });
    case "claim.assigned": {
      const from = (event.data as { takenOverFrom?: { name?: string } }).takenOverFrom;
      if (from) return t("event.takenOver", { assigned: data.changes?.assigneeId?.after ? "yes" : "no", name: String(from.name ?? "") });
      const via = (event.data as { via?: string }).via;
      if (via === "take_next") return t("event.tookNext");
      const line = data.changes?.assigneeId?.after ? t("event.assigned") : t("event.unassigned");
      return via === "bulk" ? t("event.inBulk", { step: line }) : line;
    }
    case "claim.transitioned": {
      const action = data.action as TransitionAction;
      const step = Object.hasOwn(TRANSITIONS, action) ? claims(`step.${action}`) : String(data.action);
      return (event.data as { via?: string }).via === "bulk" ? t("event.inBulk", { step }) : step;
    }
    case "evidence.added": {
      const d = event.data as { intake?: string; sourceUrl?: string | null };
      if (d.intake === "capture") return t("event.pageCaptureRequested");
      if (d.intake === "frame") return t("event.frameAdded");
      return t("event.addedBy", { how: d.intake === "resumable" ? "resumable" : "upload" });
    }
    case "evidence.derived": {
      const d = event.data as { derivation?: string; outcome?: string };
      return t("event.derived", { derivation: d.derivation ? wordOf(t, "derivation", d.derivation) : t("event.derivation"), outcome: wordOf(t, "outcome", d.outcome ?? "") });
    }
    case "entry.sealed":
      return t("event.sealed", { version: Number((event.data as { version?: number }).version) || 0 });
    case "evidence.captured":
      return t("event.captured");
    case "evidence.capture_failed":
      return t("event.captureFailed", { reason: String((event.data as { reason?: string }).reason ?? "") });
    case "evidence.capture_retried":
      return t("event.captureRetried");
    case "evidence.withdrawn":
      return t("event.withdrawn", { reason: String((event.data as { reason?: string }).reason ?? "") });
    case "evidence.downloaded":
      return t("event.downloaded");
    case "evidence.viewed":
      return t("event.viewed", { copy: String((event.data as { copy?: string }).copy ?? "original") });
    case "evidence.frame_grabbed":
      return t("event.frameGrabbed", { at: ((Number((event.data as { atMs?: number }).atMs) || 0) / 1000).toFixed(1) });
    case "evidence.note_added":
      return t("event.noteAdded");
    case "evidence.note_edited":
      return t("event.noteEdited");
    case "evidence.note_deleted":
      return t("event.noteDeleted");
    case "evidence.sensitivity_marked":
      return t("event.sensitivityMarked");
    case "source.created":
      return t("event.sourceCreated");
    case "source.updated":
      return t("event.sourceUpdated");
    case "source.citation_added":
      return t("event.citationAdded");
    case "evidence.sources_set":
      return t("event.sourcesSet");
    case "evidence.disclosure_set":
      return t("event.disclosureSet", { to: String((event.data as { to?: string | null }).to ?? "rule") });
    case "evidence.disclosed":
      return t("event.disclosed");
    case "claim.assessed": {
      const d = event.data as { changes?: Changes };
      return t("event.assessed", { stance: wordOf(t, "stance", d.changes?.stance?.after ?? ""), credibility: String(d.changes?.credibility?.after ?? "") });
    }
    case "user.preferences_changed":
      return t("event.preferencesChanged");
    case "auth.sign_in_succeeded":
      return t("event.signedIn");
    case "session.ended":
      return t("event.sessionEnded", { reason: String((event.data as { reason?: string }).reason ?? "") });
    case "user.updated":
      return t("event.userUpdated", { fields: fieldList(data.changes) });
    case "user.invited": {
      const d = event.data as { role?: string; reissued?: boolean };
      return t("event.invited", { role: role(String(d.role ?? "")), reissued: d.reissued ? "yes" : "no" });
    }
    case "user.joined":
      return t("event.joined", { method: String((event.data as { method?: string }).method ?? "") });
    case "user.password_changed": {
      const d = event.data as { how?: string; sessionsEnded?: number };
      return t("event.passwordChanged", { how: String(d.how ?? ""), ended: d.sessionsEnded ?? 0 });
    }
    case "user.password_reset_requested":
      return t("event.passwordResetRequested");
    case "user.factor_added":
      return t("event.factorAdded", { factor: wordOf(t, "factor", (event.data as { factor?: string }).factor) });
    case "user.factor_removed": {
      const d = event.data as { factor?: string; by?: string };
      return t("event.factorRemoved", { by: String(d.by ?? ""), factor: wordOf(t, "factor", d.factor) });
    }
    case "settings.two_factor_policy_changed":
      return t("event.policyChanged");
    case "token.revoked":
      return t("event.tokenRevoked");
    case "auth.second_factor_passed":
      return t("event.secondFactorPassed", { factor: wordOf(t, "factor", (event.data as { factor?: string }).factor) });
    case "auth.second_factor_failed": {
      const d = event.data as { factor?: string; reason?: string };
      return t("event.secondFactorFailed", { factor: wordOf(t, "factor", d.factor), reason: wordOf(t, "factorFailure", d.reason) });
    }
    case "auth.sign_in_failed":
      return t("event.signInFailed", { reason: wordOf(t, "signInFailure", (event.data as { reason?: string }).reason ?? "") });
    case "user.created":
      return t("event.userCreated");
    case "token.created":
      return t("event.tokenCreated");
    case "person.created":
      return t("event.personCreated");
    case "person.updated":
      return t("event.personUpdated");
    case "person.name_added":
      return t("event.nameAdded", { name: String((event.data as { name?: string }).name ?? "") });
    case "person.merged":
      return t("event.merged");
    case "person.split":
      return t("event.split");
    case "claim.person_linked": {
      const d = event.data as { role?: string; created?: boolean };
      return t("event.personLinked", { created: d.created ? "yes" : "no", role: wordOf(t, "role", d.role ?? "") });
    }
    case "claim.person_unlinked":
      return t("event.personUnlinked", { role: wordOf(t, "role", (event.data as { role?: string }).role ?? "") });
    case "claim.person_visibility_changed": {
      const d = event.data as { basis?: NamePublicationBasis | null; lapsed?: string; changes?: Changes };
      if (d.lapsed) return t("event.nameLapsed", { why: t.has(`lapse.${d.lapsed}` as never) ? t(`lapse.${d.lapsed}` as never) : t("lapse.other") });
      if (!d.changes?.isPublic && d.basis) return t("event.basisChanged", { basis: words.nameBasis(d.basis) });
      if (!d.changes?.isPublic?.after) return t("event.madePrivate");
      return d.basis ? t("event.publishable", { basis: words.nameBasis(d.basis) }) : t("event.publishedWithEntry");
    }
    case "claim.persons_imported": {
      const d = event.data as { rows?: number; created?: unknown[]; linked?: unknown[]; rejectedMatches?: number; claimState?: string };
      return t("event.personsImported", {
        inReview: d.claimState === "review" ? "yes" : "no",
        rows: d.rows ?? 0,
        created: d.created?.length ?? 0,
        linked: d.linked?.length ?? 0,
        rejected: d.rejectedMatches ?? 0,
      });
    }
    case "claim.import_notice_dismissed":
      return t("event.noticeDismissed", { persons: (event.data as { persons?: number }).persons ?? 0 });
    case "claim.figure_recorded": {
      const d = event.data as { measure?: string; valueMin?: number; valueMax?: number; asOf?: string };
      return t("event.figureRecorded", {
        value: formats.range(d.valueMin ?? 0, d.valueMax ?? 0),
        measure: wordOf(t, "measure", d.measure ?? ""),
        hasAsOf: d.asOf ? "yes" : "no",
        asOf: d.asOf ? formats.date(d.asOf) : "",
      });
    }
    case "comment.created":
      return t("event.commented", { onItem: (event.data as { evidenceId?: string }).evidenceId ? "yes" : "no" });
    case "comment.edited":
      return t("event.commentEdited");
    case "comment.deleted":
      return t("event.commentDeleted");
    case "saved_view.created":
      return t("event.viewCreated", { shared: (event.data as { shared?: boolean }).shared ? "yes" : "no" });
    case "saved_view.deleted":
      return t("event.viewDeleted");
    case "incident.created":
      return t("event.incidentCreated");
    case "incident.updated":
      return t("event.incidentUpdated", { fields: fieldList(data.changes) });
    case "incident.claim_linked":
      return t("event.incidentClaimLinked");
    case "incident.claim_unlinked":
      return t("event.incidentClaimUnlinked");
    case "incident.casualty_recorded":
      return t("event.casualtyRecorded");
    case "incident.casualty_updated":
      return t("event.casualtyUpdated", { fields: fieldList(data.changes) });
    case "incident.casualty_removed":
      return t("event.casualtyRemoved");
    // Who is named stays in the event's data (a name is data, not the line's words).
    case "incident.attribution_added":
      return t("event.attributionAdded", { grade: wordOf(t, "grade", (event.data as { grade?: string }).grade ?? "") });
    case "incident.attribution_removed":
      return t("event.attributionRemoved");
    case "incident.published":
      return t("event.incidentPublished", { version: (event.data as { version?: number }).version ?? 0 });
    default:
      return event.type;
  }
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * A changed value as the reader says it: a coded value (a state, a kind, a grade, a language, a
 * role…) in its word, yes or no for a flag, anything else (a title, a date, an id) as stored. The
 * words depend on what changed: a source's kind is not a claim's, a user's role not a person's.
 */
function valueWords(speech: Speech, entityType: string, more: { sourceKind: Translate; userRole: Translate; digits: Translate; sex: Translate }) {
  const { t, claims, words } = speech;
  const coded: Record<string, (code: string) => string> = {
    state: words.state,
    kind: entityType === "source" ? more.sourceKind : words.kind,
    grade: words.grade,
    language: words.languageName,
    locale: words.languageName,
    digits: more.digits,
    placePrecision: (code) => (claims.has(`precisionWord.${code}` as never) ? claims(`precisionWord.${code}` as never) : code),
    stance: (code) => wordOf(t, "stance", code),
    role: entityType === "user" ? more.userRole : words.personRole,
    basis: words.nameBasis,
    reliability: words.reliability,
    sex: more.sex,
  };
  return (field: string, value: unknown): string => {
    if (typeof value === "boolean") return value ? t("yes") : t("no");
    // A code no list names (an older vocabulary) is shown as stored.
    if (typeof value === "string" && value && Object.hasOwn(coded, field)) return coded[field](value);
    return show(value);
  };
}

/** What an event is about: its title, linked, when known; the bare type:id otherwise. */
function EntityLine({ event, entity, kind, itemOf }: { event: AuditEventDto; entity: AuditEntityRef | undefined; kind: string; itemOf: (claim: string) => ReactNode }) {
  if (!entity) return <p className="text-xs text-stone-500"><Bidi>{event.entity.type}:{event.entity.id}</Bidi></p>;
  const title = entity.title === null ? itemOf(entity.itemOf ?? "") : <bdi dir="auto">{entity.title}</bdi>;
  return (
    <p className="text-xs text-stone-500" data-testid="audit-entity">
      {kind}:{" "}
      {entity.href ? <Link href={entity.href} className="font-medium">{title}</Link> : <span>{title}</span>}
    </p>
  );
}

/**
 * Events as a list. `showEntity` names each event's entity (by its title from `entities`, keyed
 * `type:id`, when given); without it only the events whose entity `entities` holds name it (a
 * claim's timeline names its evidence items, not the claim itself).
 */
export function AuditTimeline({ events, showEntity = false, entities = {} }: { events: AuditEventDto[]; showEntity?: boolean; entities?: Record<string, AuditEntityRef> }) {
  const userRole = useTranslations("roles");
  const known = (translate: { has: (key: never) => boolean; (key: never): string }) => (code: string) => (translate.has(code as never) ? translate(code as never) : code);
  const speech: Speech = { t: useTranslations("audit"), claims: useTranslations("claims"), words: useVocabulary(), formats: useFormats(), role: known(userRole) };
  const { t, claims, formats } = speech;
  const stateWord = (state: string) => (claims.has(`stateWord.${state}` as never) ? claims(`stateWord.${state}` as never) : state);
  const kindOf = (type: string) => (t.has(`entity.${type}` as never) ? t(`entity.${type}` as never) : type);
  const sourceKind = useTranslations("sources.kind");
  const digits = useTranslations("settings.digitsOption");
  const sex = useTranslations("persons.fields");
  const more = { sourceKind: known(sourceKind), userRole: known(userRole), digits: known(digits), sex: known(sex) };
  const itemOf = (claim: string) => t.rich("itemOf", { claim, title: (chunks) => <bdi dir="auto">{chunks}</bdi> });
  return (
    <ol className="space-y-3" data-testid="audit-timeline">
      {events.map((event) => {
        const data = event.data as { reason?: string; changes?: Changes; from?: string; to?: string };
        const changes = Object.entries(data.changes ?? {});
        const entity = entities[`${event.entity.type}:${event.entity.id}`];
        const valueOf = valueWords(speech, event.entity.type, more);
        return (
          <li key={event.seq} className="rounded-md border border-stone-200 bg-white px-4 py-3 text-sm" data-testid="audit-event" data-entity={event.entity.type} data-type={event.type} data-seq={event.seq}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <p>
                <span className="font-medium text-stone-900">{describe(event, speech)}</span>
                {data.from && data.to && data.from !== data.to ? (
                  <span className="text-stone-600"> · {t("stateChange", { from: stateWord(data.from), to: stateWord(data.to) })}</span>
                ) : null}
                <span className="text-stone-600"> · {event.actor ? <bdi>{event.actor.name}</bdi> : t("system")}</span>
              </p>
              <time dateTime={event.occurredAt} className="text-xs text-stone-500">{formats.dateTime(event.occurredAt)}</time>
            </div>
            {showEntity || entity ? <EntityLine event={event} entity={entity} kind={kindOf(event.entity.type)} itemOf={itemOf} /> : null}
            {data.reason ? <p className="mt-1 text-stone-700" dir="auto">{t("quoted", { reason: data.reason })}</p> : null}
            {changes.length > 0 ? (
              <details className="mt-1 text-xs text-stone-600">
                <summary className="cursor-pointer select-none">{t("fieldsChanged", { count: changes.length })}</summary>
                <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5">
                  {changes.map(([field, c]) => (
                    <div key={field} className="contents">
                      <dt className="font-mono"><bdi dir="auto">{wordOf(t, "field", field)}</bdi></dt>
                      <dd className="break-words">
                        <bdi dir="auto">{valueOf(field, c.before)}</bdi> {t("changeArrow")} <bdi dir="auto">{valueOf(field, c.after)}</bdi>
                      </dd>
                    </div>
                  ))}
                </dl>
              </details>
            ) : null}
            <p className="mt-1 font-mono text-[11px] text-stone-500" title={event.hash}>
              <Bidi>#{event.seq} · {event.hash.slice(0, 16)}…</Bidi>
            </p>
          </li>
        );
      })}
    </ol>
  );
}
