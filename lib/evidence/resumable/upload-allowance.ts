import "server-only";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors/app-error";
import { sizeText } from "../size-text";
import { tr } from "@/lib/i18n/translate";

/** What one person may hold in the tus folder, and how long an unfinished upload lives. */
export type UploadLimits = {
  maxOpenUploads: number;
  maxReservedBytes: number;
  /** What an upload of deferred length may still grow to, so what it reserves. */
  maxUploadBytes: number;
  expiryMs: number;
};

/**
 * The start of every upload id a person creates: a hash of their id, so an upload URL names no
 * account, and a person's uploads are found by file name without reading anyone else's.
 */
export function ownerTag(actorId: string): string {
  return createHash("sha256").update(actorId).digest("hex").slice(0, 16);
}

export function newUploadId(actorId: string): string {
  return `${ownerTag(actorId)}-${randomBytes(16).toString("hex")}`;
}

/** The bytes an upload promises: its length, or for a deferred length, all it may grow to. */
function reservedBy(size: number | undefined, limits: UploadLimits): number {
  return size ?? limits.maxUploadBytes;
}

/**
 * A person's unfinished uploads on disk and the bytes each reserves, from @tus/file-store's JSON
 * description of each (`{id}.json`: the Upload as created, with `size` and `creation_date`). An
 * expired one counts for nothing, swept yet or not; a finished one is removed as it finishes.
 */
export async function heldOnDisk(directory: string, actorId: string, limits: UploadLimits, now = Date.now()): Promise<Map<string, number>> {
  const tag = `${ownerTag(actorId)}-`;
  const held = new Map<string, number>();
  const names = await fs.readdir(directory).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(tag) || !name.endsWith(".json")) continue;
    const upload = await fs
      .readFile(path.join(directory, name), "utf8")
      .then((text) => JSON.parse(text) as { size?: number; creation_date?: string })
      .catch(() => null); // removed meanwhile, or half-written: it holds nothing
    if (!upload) continue;
    const created = Date.parse(upload.creation_date ?? "");
    if (Number.isFinite(created) && created + limits.expiryMs < now) continue;
    held.set(name.slice(0, -".json".length), reservedBy(upload.size, limits));
  }
  return held;
}

/**
 * One more upload of `size` (undefined: a deferred length) beside those `held`, or the refusal:
 * 429 past the open uploads, 413 past the bytes. Returns the bytes it reserves.
 */
export function assertWithinLimits(held: Map<string, number>, size: number | undefined, limits: UploadLimits): number {
  const bytes = [...held.values()].reduce((sum, b) => sum + b, 0);
  const wanted = reservedBy(size, limits);
  const { maxOpenUploads, maxReservedBytes } = limits;
  const expiry = expiryText(limits.expiryMs);
  if (held.size >= maxOpenUploads) {
    throw new AppError("RATE_LIMITED", tr("errors.uploads.tooManyOpen", { count: held.size, expiry }));
  }
  if (bytes + wanted > maxReservedBytes) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      tr("errors.uploads.tooManyBytes", { count: held.size, reserved: sizeText(bytes), wanted: sizeText(wanted), limit: sizeText(maxReservedBytes), expiry }),
    );
  }
  return wanted;
}

/**
 * Upload creations checked against a person's limits, one creation of a person at a time (a
 * promise chain per person in this process), so two racing creations cannot both take the last
 * place. A place is counted from the disk, where the upload is once created, and meanwhile from
 * `pending`, until the creating request has ended.
 */
export class UploadAllowance {
  private readonly pending = new Map<string, Map<string, number>>();
  private readonly turns = new Map<string, Promise<void>>();

  /** `held`: the tus folder whose files are counted, or where else a person's unfinished uploads are read (the shared store's table). */
  constructor(
    private readonly held: string | ((actorId: string) => Promise<Map<string, number>>),
    private readonly limits: UploadLimits,
  ) {}

  /** Reserve a place and `size` bytes (undefined: a deferred length) for `uploadId`, or refuse (429 or 413). */
  reserve(actorId: string, uploadId: string, size: number | undefined): Promise<void> {
    return this.inTurn(actorId, async () => {
      // Pending first, then the disk: a creation released meanwhile was on disk before its release.
      const pending = [...(this.pending.get(actorId) ?? [])];
      const held = typeof this.held === "string" ? await heldOnDisk(this.held, actorId, this.limits) : await this.held(actorId);
      for (const [id, bytes] of pending) held.set(id, bytes);
      const wanted = assertWithinLimits(held, size, this.limits);
      const mine = this.pending.get(actorId) ?? new Map<string, number>();
      mine.set(uploadId, wanted);
      this.pending.set(actorId, mine);
    });
  }

  /** The creating request has ended: the upload is on disk (and counted there), or was never made. */
  release(actorId: string, uploadId: string): void {
    const mine = this.pending.get(actorId);
    mine?.delete(uploadId);
    if (mine?.size === 0) this.pending.delete(actorId);
  }

  private inTurn(key: string, work: () => Promise<void>): Promise<void> {
    const turn = (this.turns.get(key) ?? Promise.resolve()).then(work);
    const settled = turn.catch(() => {});
    this.turns.set(key, settled);
    void settled.then(() => {
      if (this.turns.get(key) === settled) this.turns.delete(key);
    });
    return turn;
  }
}

function expiryText(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours >= 1) return tr("errors.uploads.hours", { count: Math.round(hours) });
  return tr("errors.uploads.seconds", { count: Math.max(1, Math.round(ms / 1000)) });
}
