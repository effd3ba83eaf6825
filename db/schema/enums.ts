import { pgEnum } from "drizzle-orm/pg-core";
import { AGE_BANDS, ASSESSMENT_STANCES, CASUALTY_CAUSES, CASUALTY_STATUSES, DATE_PRECISIONS, INCIDENT_STATES, INCIDENT_TYPES, CLAIM_KINDS, CLAIM_STATES, DISCLOSURES, ENTRY_CHANGES, FIGURE_MEASURES, GRADES, NAME_PUBLICATION_BASES, NAME_SCRIPTS, PERSON_ROLES, PLACE_PRECISIONS, RELIABILITIES, ROLES, SEXES, SOURCE_KINDS } from "../../lib/vocabulary";

/** PostgreSQL enums, built from the vocabulary (lib/vocabulary.ts). */
export const roleEnum = pgEnum("role", ROLES);
export const claimKindEnum = pgEnum("claim_kind", CLAIM_KINDS);
export const claimStateEnum = pgEnum("claim_state", CLAIM_STATES);
export const gradeEnum = pgEnum("grade", GRADES);
export const placePrecisionEnum = pgEnum("place_precision", PLACE_PRECISIONS);
export const entryChangeEnum = pgEnum("entry_change", ENTRY_CHANGES);
export const sourceKindEnum = pgEnum("source_kind", SOURCE_KINDS);
export const reliabilityEnum = pgEnum("reliability", RELIABILITIES);
export const assessmentStanceEnum = pgEnum("assessment_stance", ASSESSMENT_STANCES);
export const personRoleEnum = pgEnum("person_role", PERSON_ROLES);
export const namePublicationBasisEnum = pgEnum("name_publication_basis", NAME_PUBLICATION_BASES);
export const sexEnum = pgEnum("sex", SEXES);
export const nameScriptEnum = pgEnum("name_script", NAME_SCRIPTS);
export const figureMeasureEnum = pgEnum("figure_measure", FIGURE_MEASURES);
export const incidentTypeEnum = pgEnum("incident_type", INCIDENT_TYPES);
export const datePrecisionEnum = pgEnum("date_precision", DATE_PRECISIONS);
export const casualtyCauseEnum = pgEnum("casualty_cause", CASUALTY_CAUSES);
export const casualtyStatusEnum = pgEnum("casualty_status", CASUALTY_STATUSES);
export const ageBandEnum = pgEnum("age_band", AGE_BANDS);
export const incidentStateEnum = pgEnum("incident_state", INCIDENT_STATES);

/** How a published entry names an evidence item (a text column's values, not a PostgreSQL enum). */
export const DISCLOSURE_VALUES = DISCLOSURES;
