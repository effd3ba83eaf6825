// Time-coded notes on video and audio items (issue 21): what the pages' server actions and the API call.
export { addEvidenceNote } from "./add-note";
export { deleteEvidenceNote } from "./delete-note";
export type { EvidenceNoteDto } from "./dto";
export { editEvidenceNote } from "./edit-note";
export { listEvidenceNotes } from "./list-notes";
