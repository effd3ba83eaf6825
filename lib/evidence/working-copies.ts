import { WORKING_COPY_KINDS, type WorkingCopyKind } from "@/lib/vocabulary";

/**
 * How a working copy was made, kept on its `evidence_derivatives` row: the ffmpeg command line
 * (the input named by the original's SHA-256, not a path) and what ffprobe found in the result.
 */
export type WorkingCopyDetails = {
  command: string;
  durationMs: number | null;
  width: number | null;
  height: number | null;
  frameRate: number | null;
  bitRate: number | null;
};

export type WorkingCopyDto = {
  kind: WorkingCopyKind;
  url: string;
  mediaType: string;
  size: number | null;
  sha256: string;
  durationMs: number | null;
  width: number | null;
  height: number | null;
  frameRate: number | null;
};

export function isWorkingCopyKind(kind: string): kind is WorkingCopyKind {
  return (WORKING_COPY_KINDS as readonly string[]).includes(kind);
}

export function workingCopyUrl(evidenceId: string, kind: WorkingCopyKind): string {
  return `/api/v1/evidence/${evidenceId}/copies/${kind}`;
}

/** A derivative row of kind `web`/`low` as the evidence page and the API show it. */
export function workingCopyDto(
  evidenceId: string,
  row: { kind: WorkingCopyKind; mediaType: string; size: number | null; sha256: string; details: unknown },
): WorkingCopyDto {
  const details = (row.details ?? {}) as Partial<WorkingCopyDetails>;
  return {
    kind: row.kind,
    url: workingCopyUrl(evidenceId, row.kind),
    mediaType: row.mediaType,
    size: row.size,
    sha256: row.sha256,
    durationMs: details.durationMs ?? null,
    width: details.width ?? null,
    height: details.height ?? null,
    frameRate: details.frameRate ?? null,
  };
}
