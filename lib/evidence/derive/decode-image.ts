import "server-only";
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { WORKER_LANES } from "@/lib/jobs/lanes";
import { PermanentJobFailure } from "@/lib/jobs/permanent-failure";
import { DERIVATION_LIMITS } from "./limits";
import { withinAddressSpace } from "./media-tools";
import { MediaRefused } from "./refused";

/**
 * Pictures are decoded in a process of their own (image-process.mjs), never in the web server: its
 * address space is limited, it is stopped when a picture runs past its time, and it is retired when
 * decoding has left it large. A decoder bomb that gets past the header check fails there, with the
 * job, and the server's memory does not grow. Idle decoders are kept for the next picture (starting
 * one costs ~0.2 s of CPU), as many as the worker runs jobs at once, and stop after a short idle time.
 */
const SCRIPT = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "evidence", "derive", "image-process.mjs");
const IDLE_MS = 30_000;

type Answer = { id: number; rss: number; result?: unknown; refused?: string; error?: string };
type Decoder = { child: ChildProcess; stderr: string; idleTimer?: NodeJS.Timeout };

const idle: Decoder[] = [];
let sequence = 0;

function startDecoder(): Decoder {
  const { imagePixels, heifPixels, imageProcessMemoryBytes } = DERIVATION_LIMITS;
  const [command, args] = withinAddressSpace(imageProcessMemoryBytes, process.execPath, [SCRIPT]);
  const child = spawn(command, args, {
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    serialization: "advanced", // Buffers cross the channel as bytes, not as JSON arrays
    // No secret of the server's (database, auth) in a process that reads hostile bytes.
    env: { NODE_ENV: "production", PATH: process.env.PATH ?? "", MALLOC_ARENA_MAX: "2", CORROBORATE_IMAGE_LIMITS: JSON.stringify({ imagePixels, heifPixels }) },
  });
  const decoder: Decoder = { child, stderr: "" };
  child.stderr?.on("data", (chunk: Buffer) => (decoder.stderr = (decoder.stderr + chunk.toString("utf8")).slice(-2000)));
  child.once("exit", () => retire(decoder));
  child.on("error", () => {}); // reported to the request in flight, if any
  return decoder;
}

/** Stop a decoder and forget it (idempotent). */
function retire(decoder: Decoder) {
  clearTimeout(decoder.idleTimer);
  const at = idle.indexOf(decoder);
  if (at >= 0) idle.splice(at, 1);
  if (decoder.child.exitCode === null && decoder.child.signalCode === null) decoder.child.kill("SIGKILL");
}

/** Keep a decoder for the next picture while it is small and few are kept; neither it nor its channel keeps Node running. */
function release(decoder: Decoder, rss: number) {
  if (rss > DERIVATION_LIMITS.imageProcessRetireBytes || idle.length >= WORKER_LANES) return retire(decoder);
  decoder.child.unref();
  decoder.child.channel?.unref();
  decoder.idleTimer = setTimeout(() => retire(decoder), IDLE_MS).unref();
  idle.push(decoder);
}

function exchange(decoder: Decoder, request: Record<string, unknown>): Promise<Answer> {
  const { child } = decoder;
  const id = ++sequence;
  const seconds = DERIVATION_LIMITS.imageTimeoutMs / 1000;
  return new Promise<Answer>((resolve, reject) => {
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      child.off("message", onMessage).off("exit", onExit).off("error", onError);
      settle();
    };
    const onMessage = (answer: Answer) => answer.id === id && finish(() => resolve(answer));
    const onExit = (code: number | null, signal: string | null) => {
      const said = decoder.stderr.trim().split("\n").pop()?.slice(0, 300);
      finish(() => reject(new PermanentJobFailure(`The image decoder stopped (${signal ?? `exit ${code}`})${said ? `: ${said}` : ""}`)));
    };
    // The decoder could not be started or reached: nothing to do with the bytes, worth a retry.
    const onError = (error: Error) => finish(() => reject(error));
    const timer = setTimeout(() => finish(() => reject(new PermanentJobFailure(`The image decoder ran past its ${seconds} s limit`))), DERIVATION_LIMITS.imageTimeoutMs);
    child.on("message", onMessage).on("exit", onExit).on("error", onError);
    child.send({ ...request, id }, (error) => error && onError(error));
  });
}

/**
 * One request to a decoder process: its result, or MediaRefused (past a bound: skip, with the
 * reason), or PermanentJobFailure (the picture cannot be read, or its decoding broke a limit: the
 * same bytes would fail again).
 */
async function decodeRequest(request: { op: string; input: Buffer | string; side?: number }): Promise<unknown> {
  const decoder = idle.pop() ?? startDecoder();
  clearTimeout(decoder.idleTimer);
  decoder.child.ref();
  decoder.child.channel?.ref();
  let answer: Answer;
  try {
    answer = await exchange(decoder, request);
  } catch (error) {
    retire(decoder);
    throw error;
  }
  release(decoder, answer.rss);
  if (answer.refused !== undefined) throw new MediaRefused(answer.refused);
  if (answer.error !== undefined) throw new PermanentJobFailure(`The picture could not be decoded: ${answer.error}`);
  return answer.result;
}

export type ImageHeader = { width: number | null; height: number | null; format: string | null; exif: Uint8Array | null };

/** Size, format and raw EXIF of a picture, from its header: no pixel is decoded. */
export async function imageHeader(input: Buffer | string): Promise<ImageHeader> {
  return (await decodeRequest({ op: "header", input })) as ImageHeader;
}

/** A JPEG of the picture at most `side` pixels a side, upright; MediaRefused past the pixel bound of its format. */
export async function thumbnailJpeg(input: Buffer | string, side: number): Promise<Buffer> {
  return Buffer.from((await decodeRequest({ op: "thumbnail", input, side })) as Uint8Array);
}

/** The picture as `side`×`side` greyscale pixels, row by row, upright; MediaRefused past its bound. */
export async function greyPixels(input: Buffer | string, side: number): Promise<Uint8Array> {
  return (await decodeRequest({ op: "greyPixels", input, side })) as Uint8Array;
}
